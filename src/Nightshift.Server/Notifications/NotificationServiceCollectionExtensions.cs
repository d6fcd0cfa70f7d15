using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nightshift.Server.Notifications;

/// <summary>
/// Registers webhooks: the <see cref="WebhookService"/> (one instance, also the hosted service that routes and sends) and
/// the <see cref="WebhookRegistry"/> the API and the page manage webhooks through; options from the
/// <see cref="WebhookOptions.Section"/> section of the configuration.
/// </summary>
public static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookService>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookService>());
        services.AddSingleton<WebhookRegistry>();
        return services;
    }
}
