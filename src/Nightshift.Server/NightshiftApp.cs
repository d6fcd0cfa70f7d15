using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Ingest;
using Nightshift.Core.Series;
using Nightshift.Historian;
using Nightshift.Server.Storage;
using Nightshift.Server.Alarms;
using Nightshift.Server.Api;
using Nightshift.Server.Components;
using Nightshift.Server.Components.Journal;
using Nightshift.Server.Commands;
using Nightshift.Server.Connectors;
using Nightshift.Server.Data;
using Nightshift.Server.Export;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Journal;
using Nightshift.Server.Live;
using Nightshift.Server.Mqtt;
using Nightshift.Server.Notifications;
using Nightshift.Server.Oee;
using Nightshift.Server.Twins;
using Nightshift.Twins;
using Nightshift.Twins.Equipment;
using OpenTelemetry.Metrics;

namespace Nightshift.Server;

/// <summary>
/// Composes a Nightshift node: storage, twins, broker, pipeline, API, hub and UI. Holds no logic of its own;
/// every piece lives in its area. The caller may add services (e.g. the simulator) before the app is built.
/// </summary>
public static class NightshiftApp
{
    public static WebApplication Build(NightshiftOptions options, Action<WebApplicationBuilder>? configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);

        // The application is the host executable (e.g. nightshift): its static web assets manifests hold this library's
        // assets under _content/Nightshift.Server/ and the Blazor framework scripts (_framework/blazor.web.js).
        var applicationName = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? typeof(NightshiftApp).Assembly.GetName().Name;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = applicationName });
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        // Storage: the series registry and the history, opened before anything ingests.
        services.AddSingleton<SeriesRegistry>();
        services.AddSingleton<HistorianHost>();
        services.AddHostedService(sp => sp.GetRequiredService<HistorianHost>());
        services.AddSingleton<IHistorian>(sp => sp.GetRequiredService<HistorianHost>());
        services.AddDbContextFactory<MetadataDbContext>(o => o.UseSqlite("Data Source=" + Path.Combine(dataDirectory, "metadata.db")));
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys"))).SetApplicationName("Nightshift");

        // Twins.
        var siloPort = options.SiloPort == 0 ? FreeTcpPort() : options.SiloPort;
        var gatewayPort = options.GatewayPort == 0 ? FreeTcpPort() : options.GatewayPort;
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .AddSqliteTwinStorage(Path.Combine(dataDirectory, "twins.db")));

        // Identity.
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<MqttCredentialValidator>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "smart";
                o.DefaultChallengeScheme = "smart";
            })
            .AddPolicyScheme("smart", "Bearer or cookie", o => o.ForwardDefaultSelector = context =>
                BearerAuthenticationHandler.HasCredential(context.Request) || context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                    ? BearerAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "nightshift";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;

                // Only a browser navigating to a page is sent to the login page; machine clients of /metrics,
                // /openapi/... or scripts get 401, as on /api.
                o.Events.OnRedirectToLogin = context =>
                {
                    if (IsPageNavigation(context.Request))
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    else
                    {
                        context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized;
                    }

                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();

        // Model, pipeline and live fan-out.
        services.AddSingleton<PlantCatalog>();
        services.AddSingleton(sp => new Normalizer(sp.GetRequiredService<PlantCatalog>().GetConfigured, sp.GetRequiredService<SeriesRegistry>()));
        services.AddSingleton<LiveBus>();
        services.AddSingleton<ITwinListener, TwinEventPublisher>();
        services.AddSingleton<ITagWriter, TagWriteRouter>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<IIngestSink>(sp => sp.GetRequiredService<IngestPipeline>());
        services.AddSingleton<TwinQueries>();
        services.AddSingleton<TagHistory>();
        services.AddSingleton(sp => new HistoryExporter(sp.GetRequiredService<IHistorian>()));
        services.AddSingleton<PlatformStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<PlatformStartup>());
        services.AddSingleton<EventJournal>();
        services.AddHostedService(sp => sp.GetRequiredService<EventJournal>());

        // Connectors (after the platform start-up, which creates the metadata schema).
        services.AddSingleton<ConnectorManager>();
        services.AddSingleton<ConnectorCommands>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorManager>());

        services.AddAlarms();
        services.AddOee();
        services.AddNotifications(builder.Configuration);
        services.AddMqttIngest();
        services.AddSignalR();
        services.AddHostedService<LiveHubForwarder>();

        // API surface.
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(IngestMetrics.MeterName, "Nightshift.Connectivity", "Nightshift.Historian")
            .AddPrometheusExporter());

        configure?.Invoke(builder);
        var app = builder.Build();
        // API callers get problem details for bare status codes; people get the UI's not-found page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), api => api.UseStatusCodePages());
        app.UseWhen(
            c => !c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal),
            ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapAccessApi();
        app.MapAssetsApi();
        app.MapTagsApi();
        app.MapHistoryApi();
        app.MapIngestApi();
        app.MapLineProtocolApi();
        app.MapConnectorsApi();
        app.MapAlarmsApi();
        app.MapCommandsApi();
        app.MapOpcUaImportApi();
        app.MapEventsApi();
        app.MapOeeApi();
        app.MapDowntimeApi();
        app.MapOrdersApi();
        app.MapWebhooksApi();
        app.MapJournalExport();
        app.MapExportApi();
        app.MapOpenApi();
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsPageNavigation(Microsoft.AspNetCore.Http.HttpRequest request) =>
        Microsoft.AspNetCore.Http.HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
