using System.Globalization;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// Reads values out of a Prometheus text exposition (<c>GET /metrics</c>): the sum of the samples of one metric whose
/// labels include the given ones. Pure and thread-safe.
/// </summary>
public static class PrometheusText
{
    /// <summary>The sum over the samples of <paramref name="metric"/> carrying every label of <paramref name="labels"/>; 0 when none.</summary>
    public static double Sum(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentNullException.ThrowIfNull(labels);
        var sum = 0.0;
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line.AsSpan(metric.Length);
            string labelText;
            if (rest.Length > 0 && rest[0] == '{')
            {
                var close = rest.IndexOf('}');
                labelText = rest[1..close].ToString();
                rest = rest[(close + 1)..];
            }
            else if (rest.Length > 0 && rest[0] == ' ')
            {
                labelText = string.Empty;
            }
            else
            {
                continue; // another metric that starts with the same name
            }

            if (!labels.All(l => labelText.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                continue;
            }

            var value = rest.Trim().ToString().Split(' ')[0];
            sum += double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>True when the exposition has at least one sample of <paramref name="metric"/>.</summary>
    public static bool Has(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        return exposition.Split('\n').Any(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal));
    }
}
