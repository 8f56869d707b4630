using Prometheus;

namespace PerfJudge.Server;

/// <summary>The service's Prometheus metrics, in a registry of its own (so several servers in one
/// process, as in tests, do not share counters).</summary>
public sealed class ServerMetrics
{
    /// <summary>Creates the metrics; <paramref name="queueDepth"/> is read at every scrape.</summary>
    public ServerMetrics(Func<double> queueDepth)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("perfjudge_requests_total", "HTTP requests answered, by endpoint and status code.",
            new CounterConfiguration { LabelNames = ["endpoint", "status"] });
        Verdicts = factory.CreateCounter("perfjudge_verdicts_total", "Candidates judged, by verdict.",
            new CounterConfiguration { LabelNames = ["verdict"] });
        Latency = factory.CreateHistogram("perfjudge_request_seconds", "Time from request to answer, by endpoint.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });
        var depth = factory.CreateGauge("perfjudge_queue_depth", "Requests admitted and waiting for a worker.");
        Registry.AddBeforeCollectCallback(() => depth.Set(queueDepth()));
    }

    /// <summary>The registry exported at <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Requests by endpoint and status.</summary>
    public Counter Requests { get; }

    /// <summary>Verdicts.</summary>
    public Counter Verdicts { get; }

    /// <summary>Latency histogram.</summary>
    public Histogram Latency { get; }
}
