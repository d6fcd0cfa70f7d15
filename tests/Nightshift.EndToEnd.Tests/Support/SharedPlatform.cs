using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// The demo instance shared by the suite (an xUnit assembly fixture): <c>nightshift demo --speed 30</c> on a fresh
/// data folder with a random admin password, or, when <c>NIGHTSHIFT_TEST_URL</c> is set, an instance already running
/// there (<c>NIGHTSHIFT_TEST_MQTT_PORT</c>, default 1883; <c>NIGHTSHIFT_TEST_PASSWORD</c>, the admin's password).
/// <see cref="Http"/> carries the admin's bearer token. On dispose the started process is stopped with SIGINT and the
/// fixture throws when it did not exit with 0 or logged an error (<c>fail:</c>/<c>crit:</c>) that no test declared
/// with <see cref="ExpectServerError"/>. Thread-safe for concurrent tests.
/// </summary>
public sealed class SharedPlatform : IAsyncLifetime
{
    public const string UrlVariable = "NIGHTSHIFT_TEST_URL";
    public const string MqttPortVariable = "NIGHTSHIFT_TEST_MQTT_PORT";
    public const string PasswordVariable = "NIGHTSHIFT_TEST_PASSWORD";
    public const string AdminUser = "admin";

    private PlatformProcess? _process;
    private string? _dataDirectory;
    private HttpClient? _http;

    /// <summary>The URL of the API and UI, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public int MqttPort { get; private set; }

    public string AdminPassword { get; private set; } = string.Empty;

    /// <summary>An HTTP client with the admin's bearer token; shared, do not change its headers.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The platform is not started.");

    /// <summary>The started process, or null when the suite runs against an existing instance.</summary>
    public PlatformProcess? Process => _process;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url)
        {
            BaseUrl = url.TrimEnd('/');
            MqttPort = int.TryParse(Environment.GetEnvironmentVariable(MqttPortVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 1883;
            AdminPassword = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } password
                ? password
                : throw new InvalidOperationException($"{UrlVariable} is set; set {PasswordVariable} to the admin's password too.");
        }
        else
        {
            _dataDirectory = TemporaryDirectory.Create("shared");
            AdminPassword = NewPassword();
            _process = await PlatformProcess.StartAsync("demo", _dataDirectory, AdminPassword, ["--speed", "30"], ct);
            BaseUrl = _process.BaseUrl;
            MqttPort = _process.MqttPort;
        }

        _http = await CreateAuthorizedClientAsync(BaseUrl, AdminUser, AdminPassword, ct);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            var exitCode = await process.StopAsync(CancellationToken.None);
            process.Log.SaveTo(Path.Combine(AppContext.BaseDirectory, "logs", "shared-platform.log"));
            var errors = process.Log.UnexpectedErrors();
            if (exitCode != 0 || errors.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The shared platform exited with code {exitCode} and logged {errors.Count} unexpected error(s):{Environment.NewLine}"
                    + string.Join(Environment.NewLine, errors) + $"{Environment.NewLine}--- last output ---{Environment.NewLine}{process.Log.Tail(40)}");
            }
        }
        finally
        {
            await process.DisposeAsync();
            TemporaryDirectory.Delete(_dataDirectory);
        }
    }

    /// <summary>Declares that server errors containing <paramref name="fragment"/> are provoked on purpose by a test.</summary>
    public void ExpectServerError(string fragment) => _process?.Log.Expect(fragment);

    /// <summary>A new client without credentials that does not follow redirects (dispose it).</summary>
    public HttpClient CreateAnonymousClient() => new(new HttpClientHandler { AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A random password of 24 URL-safe characters.</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

    /// <summary>Signs in with <c>POST /api/v1/auth/token</c> and returns a client that sends the token.</summary>
    /// <exception cref="HttpRequestException">The sign-in was refused.</exception>
    public static async Task<HttpClient> CreateAuthorizedClientAsync(string baseUrl, string user, string password, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        try
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password }, cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
            return http;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }
}
