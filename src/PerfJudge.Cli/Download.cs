namespace PerfJudge.Cli;

/// <summary>Downloads data sets when the machine is online.</summary>
public static class Download
{
    /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/>; false when offline or refused.</summary>
    public static async Task<bool> ToFileAsync(Uri url, string path, CancellationToken cancel)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.GetAsync(url, cancel);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }
            await using var file = File.Create(path);
            await response.Content.CopyToAsync(file, cancel);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return false;
        }
    }
}
