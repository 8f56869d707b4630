def work(n):
    # The same loop as fast.py, run twice: about 2x the cost.
    total = 0
    for _ in range(2):
        total = 0
        for i in range(n):
            total += i * i
    return total
