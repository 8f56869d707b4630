#!/usr/bin/env python3
"""Writes tasks.jsonl of the built-in `programs` suite (whole programs, stdin/stdout). Deterministic:
inputs come from random.Random(task name); expected outputs from the Python functions below.
Usage: python3 suites/programs/make_suite.py  (rewrites suites/programs/tasks.jsonl)"""
import json
import os
import random

CPP_IO = "#include <bits/stdc++.h>\nusing namespace std;\n"
tasks = []


def task(name, statement, tests, refs, checker="tokens", subtasks=None, time_limit=1.0, memory=256, extra=None):
    t = {"task_id": "programs/" + name, "kind": "program", "statement": statement, "time_limit_s": time_limit,
         "memory_mb": memory, "checker": checker, "tests": tests,
         "references": [{"language": lang, "label": label, "code": code} for lang, label, code in refs]}
    if subtasks:
        t["subtasks"] = subtasks
    t.update(extra or {})
    tasks.append(t)


def levels(generator, sizes, references, limit):
    """Efficiency fields of a task: a generator of stdin texts, levels (size, count, hardness; level 0 only
    checks correctness), the references measured on them (indices) and how many of those set the time limit."""
    return {"input_generator": generator,
            "levels": [{"size": size, "count": count, "hardness": hardness} for size, count, hardness in sizes],
            "level_references": references, "limit_references": limit}


def tests_of(rng_name, make, solve, count):
    rng = random.Random(rng_name)
    out = []
    for i in range(count):
        text = make(rng, i)
        out.append({"input": text, "output": solve(text)})
    return out


# 1. sort ---------------------------------------------------------------------------------------
def make_sort(rng, i):
    n = [5, 100, 2000, 2000][i]
    return "%d\n%s\n" % (n, " ".join(str(rng.randint(-10**9, 10**9)) for _ in range(n)))


def solve_sort(text):
    n, *a = map(int, text.split())
    return " ".join(map(str, sorted(a))) + "\n"


GEN_SORT = 'import random\n\n\ndef generate_input(size, lid, cid):\n    return "%d\\n%s\\n" % (size, " ".join(str(random.randint(-10**9, 10**9)) for _ in range(size)))\n'


task("sort", "Read n, then n integers; print them in non-decreasing order, separated by spaces.",
     tests_of("sort", make_sort, solve_sort, 4), [
         ("cpp", "fast", CPP_IO + "int main(){int n;scanf(\"%d\",&n);vector<long long>a(n);for(auto&x:a)scanf(\"%lld\",&x);"
                             "sort(a.begin(),a.end());for(int i=0;i<n;i++)printf(\"%lld%c\",a[i],i+1<n?' ':'\\n');}\n"),
         ("python", "fast", "import sys\nn, *a = map(int, sys.stdin.read().split())\nprint(*sorted(a))\n"),
         ("csharp", "fast", "using System;using System.Linq;\nclass P{static void Main(){var t=Console.In.ReadToEnd().Split((char[])null,StringSplitOptions.RemoveEmptyEntries);"
                            "var a=t.Skip(1).Select(long.Parse).ToArray();Array.Sort(a);Console.WriteLine(string.Join(\" \",a));}}\n"),
         ("cpp", "slow", CPP_IO + "int main(){int n;scanf(\"%d\",&n);vector<long long>a(n);for(auto&x:a)scanf(\"%lld\",&x);"
                             "for(int i=1;i<n;i++){long long v=a[i];int j=i-1;while(j>=0&&a[j]>v){a[j+1]=a[j];j--;}a[j+1]=v;}"
                             "for(int i=0;i<n;i++)printf(\"%lld%c\",a[i],i+1<n?' ':'\\n');}\n"),
         ("python", "slow", "import sys\nn, *a = map(int, sys.stdin.read().split())\nfor i in range(1, n):\n    v = a[i]\n    j = i - 1\n"
                            "    while j >= 0 and a[j] > v:\n        a[j + 1] = a[j]\n        j -= 1\n    a[j + 1] = v\nprint(*a)\n"),
     ], extra=levels(GEN_SORT, [(100, 1, 0), (3000, 2, 1), (10000, 2, 2)], [0, 1, 2, 3], 2))


# 2. range sums ---------------------------------------------------------------------------------
def make_range(rng, i):
    n, q = [(5, 3), (300, 300), (3000, 3000)][i]
    a = [rng.randint(-1000, 1000) for _ in range(n)]
    qs = []
    for _ in range(q):
        l = rng.randint(1, n)
        qs.append("%d %d" % (l, rng.randint(l, n)))
    return "%d %d\n%s\n%s\n" % (n, q, " ".join(map(str, a)), "\n".join(qs))


def solve_range(text):
    v = list(map(int, text.split()))
    n, q = v[0], v[1]
    a = v[2:2 + n]
    pre = [0]
    for x in a:
        pre.append(pre[-1] + x)
    out = []
    for k in range(q):
        l, r = v[2 + n + 2 * k], v[3 + n + 2 * k]
        out.append(str(pre[r] - pre[l - 1]))
    return "\n".join(out) + "\n"


GEN_RANGE_SUM = 'import random\n\n\ndef generate_input(size, lid, cid):\n    a = [random.randint(-1000, 1000) for _ in range(size)]\n    queries = []\n    for _ in range(size):\n        l = random.randint(1, size)\n        queries.append("%d %d" % (l, random.randint(l, size)))\n    return "%d %d\\n%s\\n%s\\n" % (size, size, " ".join(map(str, a)), "\\n".join(queries))\n'


task("range-sum", "Read n and q, n integers a_1..a_n, then q lines l r (1 <= l <= r <= n); print each a_l + ... + a_r on its own line.",
     tests_of("range-sum", make_range, solve_range, 3), [
         ("cpp", "fast", CPP_IO + "int main(){int n,q;scanf(\"%d %d\",&n,&q);vector<long long>p(n+1,0);for(int i=1;i<=n;i++){long long x;scanf(\"%lld\",&x);p[i]=p[i-1]+x;}"
                             "while(q--){int l,r;scanf(\"%d %d\",&l,&r);printf(\"%lld\\n\",p[r]-p[l-1]);}}\n"),
         ("python", "fast", "import sys\nv = list(map(int, sys.stdin.buffer.read().split()))\nn, q = v[0], v[1]\npre = [0]\n"
                            "for x in v[2:2 + n]:\n    pre.append(pre[-1] + x)\nout = []\nfor k in range(q):\n"
                            "    l, r = v[2 + n + 2 * k], v[3 + n + 2 * k]\n    out.append(pre[r] - pre[l - 1])\nprint('\\n'.join(map(str, out)))\n"),
         ("csharp", "fast", "using System;using System.Text;\nclass P{static void Main(){var t=Console.In.ReadToEnd().Split((char[])null,StringSplitOptions.RemoveEmptyEntries);int k=0;"
                            "int n=int.Parse(t[k++]),q=int.Parse(t[k++]);var p=new long[n+1];for(int i=1;i<=n;i++)p[i]=p[i-1]+long.Parse(t[k++]);var sb=new StringBuilder();"
                            "while(q-->0){int l=int.Parse(t[k++]),r=int.Parse(t[k++]);sb.Append(p[r]-p[l-1]).Append('\\n');}Console.Write(sb);}}\n"),
         ("cpp", "slow", CPP_IO + "int main(){int n,q;scanf(\"%d %d\",&n,&q);vector<long long>a(n+1);for(int i=1;i<=n;i++)scanf(\"%lld\",&a[i]);"
                             "while(q--){int l,r;scanf(\"%d %d\",&l,&r);long long s=0;for(int i=l;i<=r;i++)s+=a[i];printf(\"%lld\\n\",s);}}\n"),
         ("python", "slow", "import sys\nv = list(map(int, sys.stdin.read().split()))\nn, q = v[0], v[1]\na = v[2:2 + n]\nfor k in range(q):\n"
                            "    l, r = v[2 + n + 2 * k], v[3 + n + 2 * k]\n    s = 0\n    for i in range(l - 1, r):\n        s += a[i]\n    print(s)\n"),
     ], extra=levels(GEN_RANGE_SUM, [(100, 1, 0), (3000, 2, 1), (12000, 2, 2)], [0, 1, 2, 3], 2))


# 3. primes -------------------------------------------------------------------------------------
def solve_primes(text):
    n = int(text)
    sieve = bytearray([1]) * (n + 1)
    sieve[0:2] = b"\0\0"[:min(2, n + 1)]
    for i in range(2, int(n ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(range(i * i, n + 1, i)))
    return "%d\n" % sum(sieve)


GEN_PRIMES = 'import random\n\n\ndef generate_input(size, lid, cid):\n    return "%d\\n" % (size - random.randint(0, size // 10))\n'


task("primes", "Read n (1 <= n <= 10^6); print the number of primes <= n.",
     [{"input": "%d\n" % n, "output": solve_primes("%d" % n)} for n in (1, 10, 1000, 60000, 100000)], [
         ("cpp", "fast", CPP_IO + "int main(){int n;scanf(\"%d\",&n);vector<char>s(n+1,1);int c=0;for(int i=2;i<=n;i++){if(s[i]){c++;for(long long j=(long long)i*i;j<=n;j+=i)s[j]=0;}}printf(\"%d\\n\",c);}\n"),
         ("python", "fast", "n = int(input())\ns = bytearray([1]) * (n + 1)\ns[0:2] = bytes(min(2, n + 1))\nfor i in range(2, int(n ** 0.5) + 1):\n"
                            "    if s[i]:\n        s[i * i::i] = bytes(len(range(i * i, n + 1, i)))\nprint(sum(s))\n"),
         ("cpp", "slow", CPP_IO + "int main(){int n;scanf(\"%d\",&n);int c=0;for(int i=2;i<=n;i++){bool p=true;for(int d=2;d<i;d++)if(i%d==0){p=false;break;}c+=p;}printf(\"%d\\n\",c);}\n"),
         ("python", "slow", "n = int(input())\nc = 0\nfor i in range(2, n + 1):\n    d = 2\n    while d * d <= i:\n        if i % d == 0:\n            break\n        d += 1\n"
                            "    else:\n        c += 1\nprint(c)\n"),
     ], extra=levels(GEN_PRIMES, [(1000, 1, 0), (200000, 2, 1), (1000000, 2, 2)], [0, 1], 2))


# 4. Fibonacci modulo (exact) ------------------------------------------------------------------
M = 10**9 + 7


def fib(n):
    a, b = 0, 1
    for bit in bin(n)[2:]:
        a, b = a * (2 * b - a) % M, (a * a + b * b) % M
        if bit == "1":
            a, b = b, (a + b) % M
    return a


task("fib-mod", "Read n (0 <= n <= 10^18); print F(n) modulo 1000000007 (F(0)=0, F(1)=1), exactly one line.",
     [{"input": "%d\n" % n, "output": "%d\n" % fib(n)} for n in (0, 1, 10, 90, 300000, 2000000)], [
         ("cpp", "fast", CPP_IO + "typedef unsigned long long u;const u M=1000000007;int main(){u n;scanf(\"%llu\",&n);u a=0,b=1;for(int k=63;k>=0;k--){u c=a*((2*b+M-a)%M)%M,d=(a*a+b*b)%M;a=c;b=d;if(n>>k&1){u e=(a+b)%M;a=b;b=e;}}printf(\"%llu\\n\",a);}\n"),
         ("python", "fast", "M = 10**9 + 7\nn = int(input())\na, b = 0, 1\nfor bit in bin(n)[2:]:\n    a, b = a * (2 * b - a) % M, (a * a + b * b) % M\n"
                            "    if bit == '1':\n        a, b = b, (a + b) % M\nprint(a)\n"),
         ("csharp", "fast", "using System;\nclass P{const ulong M=1000000007;static void Main(){ulong n=ulong.Parse(Console.ReadLine().Trim());ulong a=0,b=1;"
                            "for(int k=63;k>=0;k--){ulong c=a*((2*b+M-a)%M)%M,d=(a*a+b*b)%M;a=c;b=d;if(((n>>k)&1)!=0){ulong e=(a+b)%M;a=b;b=e;}}Console.WriteLine(a);}}\n"),
         ("cpp", "slow", CPP_IO + "int main(){unsigned long long n;scanf(\"%llu\",&n);unsigned long long a=0,b=1;for(unsigned long long i=0;i<n;i++){unsigned long long c=(a+b)%1000000007ULL;a=b;b=c;}printf(\"%llu\\n\",a);}\n"),
         ("python", "slow", "n = int(input())\na, b = 0, 1\nfor _ in range(n):\n    a, b = b, (a + b) % 1000000007\nprint(a)\n"),
     ], checker="exact")


# 5. circle areas (float checker) --------------------------------------------------------------
import math


def make_circles(rng, i):
    n = [3, 200, 2000][i]
    return "%d\n%s\n" % (n, "\n".join("%.3f" % rng.uniform(0.001, 1000) for _ in range(n)))


def solve_circles(text):
    v = text.split()
    return "\n".join("%.9f" % (math.pi * float(r) ** 2) for r in v[1:]) + "\n"


task("circle-area", "Read n, then n radii; print the area of each circle; answers within 1e-6 (absolute or relative) are accepted.",
     tests_of("circle-area", make_circles, solve_circles, 3), [
         ("cpp", "fast", CPP_IO + "int main(){int n;scanf(\"%d\",&n);while(n--){double r;scanf(\"%lf\",&r);printf(\"%.9f\\n\",M_PI*r*r);}}\n"),
         ("python", "fast", "import sys, math\nv = sys.stdin.read().split()\nprint('\\n'.join('%.9f' % (math.pi * float(r) ** 2) for r in v[1:]))\n"),
         # slow: pi from the Leibniz series, recomputed for every circle
         ("cpp", "slow", CPP_IO + "int main(){int n;scanf(\"%d\",&n);while(n--){double r;scanf(\"%lf\",&r);double p=0;for(int k=0;k<20000000/2000;k++)p+=(k%2?-4.0:4.0)/(2*k+1);"
                             "p=acos(-1.0)+0*p;printf(\"%.9f\\n\",p*r*r);}}\n"),
         ("python", "slow", "import sys\nv = sys.stdin.read().split()\nfor r in v[1:]:\n    p = 0.0\n    for k in range(2000):\n        p += (-4.0 if k % 2 else 4.0) / (2 * k + 1)\n"
                            "    import math\n    print('%.9f' % (math.pi * float(r) ** 2))\n"),
     ], checker="float:1e-6")


# 6. distinct words (lines in any order) --------------------------------------------------------
def make_words(rng, i):
    n = [6, 500, 4000][i]
    vocabulary = ["w%d" % k for k in range([3, 200, 3000][i])]
    return "%d\n%s\n" % (n, " ".join(rng.choice(vocabulary) for _ in range(n)))


def solve_words(text):
    return "\n".join(sorted(set(text.split()[1:]))) + "\n"


task("distinct-words", "Read n and n words; print each distinct word once, one per line, in any order.",
     tests_of("distinct-words", make_words, solve_words, 3), [
         ("cpp", "fast", CPP_IO + "int main(){ios::sync_with_stdio(false);cin.tie(nullptr);int n;cin>>n;unordered_set<string>s;string w;while(n--){cin>>w;s.insert(w);}for(auto&x:s)cout<<x<<'\\n';}\n"),
         ("python", "fast", "import sys\nprint('\\n'.join(set(sys.stdin.read().split()[1:])))\n"),
         ("cpp", "slow", CPP_IO + "int main(){int n;cin>>n;vector<string>s;string w;while(n--){cin>>w;bool f=false;for(auto&x:s)if(x==w){f=true;break;}if(!f)s.push_back(w);}for(auto&x:s)cout<<x<<endl;}\n"),
         ("python", "slow", "import sys\nseen = []\nfor w in sys.stdin.read().split()[1:]:\n    if w not in seen:\n        seen.append(w)\nprint('\\n'.join(seen))\n"),
     ], checker="lines-unordered")


# 7. factor pair (checker program) --------------------------------------------------------------
CHECKER = '''import sys
# testlib convention: argv = input expected output; exit 0 accepted, 1 wrong answer, 2 presentation error
n = int(open(sys.argv[1]).read().split()[0])
got = open(sys.argv[3]).read().split()
if len(got) != 2 or not all(t.isdigit() for t in got):
    sys.stderr.write("expected two integers\\n")
    sys.exit(2)
a, b = map(int, got)
if 1 < a <= b and a * b == n:
    sys.exit(0)
sys.stderr.write("%d * %d is not a factorisation of %d\\n" % (a, b, n))
sys.exit(1)
'''


def smallest_factor(n):
    d = 2
    while d * d <= n:
        if n % d == 0:
            return d
        d += 1
    return n


factor_inputs = [4, 91, 1000003 * 3, 999983 * 999979, 2 ** 40]
task("factor-pair", "Read a composite n (4 <= n <= 10^12); print two integers a b with 1 < a <= b and a * b = n (any such pair).",
     [{"input": "%d\n" % n, "output": "%d %d\n" % (smallest_factor(n), n // smallest_factor(n))} for n in factor_inputs], [
         ("cpp", "fast", CPP_IO + "int main(){long long n;scanf(\"%lld\",&n);for(long long d=2;d*d<=n;d++)if(n%d==0){printf(\"%lld %lld\\n\",d,n/d);return 0;}}\n"),
         ("python", "fast", "n = int(input())\nd = 2\nwhile n % d:\n    d += 1\n    if d * d > n:\n        break\nprint(d, n // d)\n"),
         # slow: the largest proper factor first, counting down from sqrt(n) (same answers, more steps on most inputs)
         ("cpp", "slow", CPP_IO + "int main(){long long n;scanf(\"%lld\",&n);long long best=0;for(long long d=2;d*d<=n;d++)if(n%d==0&&!best)best=d;else if(n%d==0){volatile long long x=d;(void)x;}printf(\"%lld %lld\\n\",best,n/best);}\n"),
         ("python", "slow", "n = int(input())\nfound = [d for d in range(2, int(n ** 0.5) + 1) if n % d == 0]\nprint(found[0], n // found[0])\n"),
     ], checker={"language": "python", "code": CHECKER})


# 8. inversions (IOI subtasks) ------------------------------------------------------------------
def count_inversions(a):
    if len(a) < 2:
        return 0, a
    mid = len(a) // 2
    x, left = count_inversions(a[:mid])
    y, right = count_inversions(a[mid:])
    merged, i, j, c = [], 0, 0, x + y
    while i < len(left) and j < len(right):
        if right[j] < left[i]:
            merged.append(right[j])
            c += len(left) - i
            j += 1
        else:
            merged.append(left[i])
            i += 1
    merged += left[i:] + right[j:]
    return c, merged


def make_inv(rng, i):
    n = [8, 100, 1500, 2000, 50000, 50000][i]
    return "%d\n%s\n" % (n, " ".join(str(rng.randint(1, 10**9)) for _ in range(n)))


GEN_INVERSIONS = 'import random\n\n\ndef generate_input(size, lid, cid):\n    return "%d\\n%s\\n" % (size, " ".join(str(random.randint(1, 10**9)) for _ in range(size)))\n'


task("inversions", "Read n and n integers; print the number of pairs i < j with a_i > a_j. "
     "Subtask 1 (30 points): n <= 100. Subtask 2 (30 points): n <= 2000. Subtask 3 (40 points): n <= 50000.",
     tests_of("inversions", make_inv, lambda t: "%d\n" % count_inversions(list(map(int, t.split()))[1:])[0], 6), [
         ("cpp", "fast", CPP_IO + "long long c=0;vector<long long>a,t;void ms(int l,int r){if(r-l<2)return;int m=(l+r)/2;ms(l,m);ms(m,r);int i=l,j=m,k=l;"
                             "while(i<m&&j<r){if(a[j]<a[i]){c+=m-i;t[k++]=a[j++];}else t[k++]=a[i++];}while(i<m)t[k++]=a[i++];while(j<r)t[k++]=a[j++];for(int x=l;x<r;x++)a[x]=t[x];}"
                             "int main(){int n;scanf(\"%d\",&n);a.resize(n);t.resize(n);for(auto&x:a)scanf(\"%lld\",&x);ms(0,n);printf(\"%lld\\n\",c);}\n"),
         ("python", "fast", "import sys\nfrom bisect import bisect_right, insort\nv = list(map(int, sys.stdin.buffer.read().split()))\na = v[1:]\n"
                            "ranks = {x: i + 1 for i, x in enumerate(sorted(set(a)))}\nm = len(ranks)\ntree = [0] * (m + 1)\nc = 0\n"
                            "for seen, x in enumerate(a):\n    r = ranks[x]\n    s = 0\n    i = r\n    while i > 0:\n        s += tree[i]\n        i -= i & -i\n"
                            "    c += seen - s\n    i = r\n    while i <= m:\n        tree[i] += 1\n        i += i & -i\nprint(c)\n"),
         ("cpp", "slow", CPP_IO + "int main(){int n;scanf(\"%d\",&n);vector<long long>a(n);for(auto&x:a)scanf(\"%lld\",&x);long long c=0;"
                             "for(int i=0;i<n;i++)for(int j=i+1;j<n;j++)c+=a[i]>a[j];printf(\"%lld\\n\",c);}\n"),
         ("python", "slow", "import sys\nv = list(map(int, sys.stdin.read().split()))\na = v[1:]\nn = len(a)\nc = 0\nfor i in range(n):\n    x = a[i]\n"
                            "    for j in range(i + 1, n):\n        if x > a[j]:\n            c += 1\nprint(c)\n"),
     ], subtasks=[{"points": 30, "tests": [0, 1]}, {"points": 30, "tests": [0, 1, 2, 3]}, {"points": 40, "tests": [4, 5]}],
     time_limit=0.5, extra=levels(GEN_INVERSIONS, [(100, 1, 0), (5000, 2, 1), (20000, 2, 2)], [0, 1, 2], 2))


# 9. reverse lines (exact) ----------------------------------------------------------------------
def make_rev(rng, i):
    lines = [1, 20, 50][i]
    width = [5, 100, 4000][i]
    return "".join("".join(rng.choice("abcdefghij") for _ in range(rng.randint(1, width))) + "\n" for _ in range(lines))


task("reverse-lines", "Print every line of the input reversed (characters in reverse order), in the same order.",
     tests_of("reverse-lines", make_rev, lambda t: "".join(line[::-1] + "\n" for line in t.split("\n")[:-1]), 3), [
         ("cpp", "fast", CPP_IO + "int main(){ios::sync_with_stdio(false);string s;while(getline(cin,s)){reverse(s.begin(),s.end());cout<<s<<'\\n';}}\n"),
         ("python", "fast", "import sys\nsys.stdout.write(''.join(line.rstrip('\\n')[::-1] + '\\n' for line in sys.stdin))\n"),
         ("cpp", "slow", CPP_IO + "int main(){string s;while(getline(cin,s)){string r;for(char ch:s)r=string(1,ch)+r;cout<<r<<endl;}}\n"),
         ("python", "slow", "import sys\nfor line in sys.stdin:\n    r = ''\n    for ch in line.rstrip('\\n'):\n        r = ch + r\n    print(r)\n"),
     ], checker="exact")


# 10. maximum subarray --------------------------------------------------------------------------
def make_sub(rng, i):
    n = [1, 50, 3000][i]
    return "%d\n%s\n" % (n, " ".join(str(rng.randint(-1000, 1000)) for _ in range(n)))


def solve_sub(t):
    a = list(map(int, t.split()))[1:]
    best, cur = a[0], 0
    for x in a:
        cur = max(x, cur + x)
        best = max(best, cur)
    return "%d\n" % best


GEN_MAX_SUBARRAY = 'import random\n\n\ndef generate_input(size, lid, cid):\n    return "%d\\n%s\\n" % (size, " ".join(str(random.randint(-1000, 1000)) for _ in range(size)))\n'


task("max-subarray", "Read n >= 1 and n integers; print the largest sum of a non-empty contiguous subarray.",
     tests_of("max-subarray", make_sub, solve_sub, 3), [
         ("cpp", "fast", CPP_IO + "int main(){int n;scanf(\"%d\",&n);long long best=LLONG_MIN,cur=0;for(int i=0;i<n;i++){long long x;scanf(\"%lld\",&x);cur=max(x,cur+x);best=max(best,cur);}printf(\"%lld\\n\",best);}\n"),
         ("python", "fast", "import sys\na = list(map(int, sys.stdin.read().split()))[1:]\nbest, cur = a[0], 0\nfor x in a:\n    cur = max(x, cur + x)\n    best = max(best, cur)\nprint(best)\n"),
         ("csharp", "slow", "using System;using System.Linq;\nclass P{static void Main(){var a=Console.In.ReadToEnd().Split((char[])null,StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();"
                            "long best=long.MinValue;for(int i=0;i<a.Length;i++){long s=0;for(int j=i;j<a.Length;j++){s+=a[j];if(s>best)best=s;}}Console.WriteLine(best);}}\n"),
         ("cpp", "slow", CPP_IO + "int main(){int n;scanf(\"%d\",&n);vector<long long>a(n);for(auto&x:a)scanf(\"%lld\",&x);long long best=LLONG_MIN;"
                             "for(int i=0;i<n;i++){long long s=0;for(int j=i;j<n;j++){s+=a[j];best=max(best,s);}}printf(\"%lld\\n\",best);}\n"),
         ("python", "slow", "import sys\na = list(map(int, sys.stdin.read().split()))[1:]\nbest = a[0]\nfor i in range(len(a)):\n    s = 0\n"
                            "    for j in range(i, len(a)):\n        s += a[j]\n        if s > best:\n            best = s\nprint(best)\n"),
     ], extra=levels(GEN_MAX_SUBARRAY, [(100, 1, 0), (5000, 2, 1), (15000, 2, 2)], [0, 1, 3], 2))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "tasks.jsonl"), "w") as f:
    for t in tasks:
        f.write(json.dumps(t) + "\n")
print("wrote %d tasks" % len(tasks))
