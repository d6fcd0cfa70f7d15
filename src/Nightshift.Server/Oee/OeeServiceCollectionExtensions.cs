using Microsoft.Extensions.DependencyInjection;
using Nightshift.Server.Orders;

namespace Nightshift.Server.Oee;

/// <summary>
/// Registers OEE and production orders: <see cref="OeeOptions"/> (defaults; a host running an accelerated virtual plant
/// registers its own after this, with the plant's speed), <see cref="ProductionHistory"/>, <see cref="OeeService"/>,
/// <see cref="DowntimeCommands"/> and <see cref="OrderService"/> (one instance each).
/// </summary>
public static class OeeServiceCollectionExtensions
{
    public static IServiceCollection AddOee(this IServiceCollection services)
    {
        services.AddSingleton(new OeeOptions());
        services.AddSingleton<ProductionHistory>();
        services.AddSingleton<OeeService>();
        services.AddSingleton<DowntimeCommands>();
        services.AddSingleton<OrderService>();
        return services;
    }
}
