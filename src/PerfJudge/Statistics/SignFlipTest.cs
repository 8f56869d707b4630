namespace PerfJudge.Statistics;

/// <summary>Sign-flip permutation computations on non-zero differences.</summary>
internal static class SignFlipTest
{
    public static PairedTestResult Test(double[] differences, double mean, int maxExactN, int iterations, int seed)
    {
        var n = differences.Length;
        var observed = Math.Abs(differences.Sum());
        // Sums that equal the observed one in exact arithmetic may differ by rounding.
        var threshold = observed - 1e-9 * differences.Sum(Math.Abs);
        if (n <= maxExactN)
        {
            long hits = 0;
            for (var mask = 0L; mask < 1L << n; mask++)
            {
                hits += Math.Abs(SignedSum(differences, mask)) >= threshold ? 1 : 0;
            }
            return new PairedTestResult(n, mean, (double)hits / (1L << n), PairedTestMethod.SignFlipExact);
        }
        var random = new Random(seed);
        long randomHits = 0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var sum = 0.0;
            foreach (var d in differences)
            {
                sum += random.Next(2) == 0 ? d : -d;
            }
            randomHits += Math.Abs(sum) >= threshold ? 1 : 0;
        }
        return new PairedTestResult(n, mean, (1.0 + randomHits) / (1.0 + iterations), PairedTestMethod.SignFlipMonteCarlo);
    }

    private static double SignedSum(double[] differences, long mask)
    {
        var sum = 0.0;
        for (var i = 0; i < differences.Length; i++)
        {
            sum += (mask >> i & 1) == 0 ? differences[i] : -differences[i];
        }
        return sum;
    }
}
