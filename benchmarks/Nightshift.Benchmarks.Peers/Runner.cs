using System.Diagnostics.CodeAnalysis;

namespace Nightshift.Benchmarks.Peers;

/// <summary>Runs one target and turns any failure into an n/a result. Thread-safe (no state).</summary>
internal static class Runner
{
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A peer that fails in any way is reported as n/a with the reason; the benchmark goes on with the others.")]
    public static async Task<SystemResult> RunAsync(IBenchTarget target, PlantDataSet data, QueryPlan plan, BenchOptions options, string folder, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(folder);
            return await target.RunAsync(data, plan, options, folder, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return SystemResult.NotAvailable(target.Name, target.Key, ex.GetType().Name + ": " + ex.Message.ReplaceLineEndings(" "));
        }
        finally
        {
            DeleteQuietly(folder);
        }
    }

    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the temp folder's clean-up; the measurement is not affected.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
