using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Live;

/// <summary>
/// SignalR hub at <c>/hubs/live</c>. A connection joins its tenant's group and receives <c>update</c> messages
/// (<see cref="LiveUpdate"/>) for all of the tenant's equipment.
/// </summary>
[Authorize]
public sealed class LiveHub : Hub
{
    public const string Path = "/hubs/live";
    public const string UpdateMethod = "update";

    public static string TenantGroup(string tenant) => "tenant:" + tenant;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, TenantGroup(Context.User!.Tenant()));
        await base.OnConnectedAsync();
    }
}
