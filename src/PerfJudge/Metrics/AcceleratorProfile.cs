namespace PerfJudge.Metrics;

/// <summary>The two roofline figures of an accelerator that idealized runtime needs.</summary>
/// <param name="Name">Name used to look the profile up (case-insensitive).</param>
/// <param name="PeakFlops">Peak dense floating-point throughput at the precision the model is served
/// in, in FLOP/s (vendor figure; no sparsity).</param>
/// <param name="MemoryBandwidth">Peak memory bandwidth, in bytes/s.</param>
public sealed record AcceleratorProfile(string Name, double PeakFlops, double MemoryBandwidth)
{
    /// <summary>NVIDIA A100 80GB SXM: 312 TFLOP/s dense BF16 tensor, 2,039 GB/s HBM2e (A100 datasheet).</summary>
    public static AcceleratorProfile A100Sxm80GB { get; } = new("a100-80gb-sxm", 312e12, 2.039e12);

    /// <summary>NVIDIA H100 SXM: 989 TFLOP/s dense BF16 tensor (half the datasheet's 1,979 with
    /// sparsity), 3.35 TB/s HBM3 (H100 datasheet).</summary>
    public static AcceleratorProfile H100Sxm { get; } = new("h100-sxm", 989e12, 3.35e12);

    /// <summary>NVIDIA L4: 121 TFLOP/s dense BF16 tensor (half the datasheet's 242 with sparsity),
    /// 300 GB/s GDDR6 (L4 datasheet).</summary>
    public static AcceleratorProfile L4 { get; } = new("l4", 121e12, 300e9);

    /// <summary>NVIDIA GeForce RTX 4090: 165.2 TFLOP/s dense FP16/BF16 tensor with FP32 accumulate,
    /// 1,008 GB/s GDDR6X (Ada Lovelace architecture whitepaper).</summary>
    public static AcceleratorProfile Rtx4090 { get; } = new("rtx-4090", 165.2e12, 1.008e12);
}
