using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Nightshift.Core.Assets;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Live;
using Nightshift.Server.Twins;

namespace Nightshift.Server.Components.Live;

/// <summary>
/// The base of live views of the signed-in user's plant: resolves the tenant, builds a <see cref="LivePlant"/> from
/// the <see cref="PlantCatalog"/>, fills it from the twins, keeps it current from the <see cref="LiveBus"/>, and
/// rebuilds it when the catalog's model changes (e.g. discovered equipment). Live updates are applied on the bus's
/// threads; rendering is throttled by <see cref="LiveComponentBase"/>.
/// </summary>
public abstract class PlantViewBase : LiveComponentBase
{
    private IDisposable? _subscription;
    private volatile LivePlant? _plant;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected PlantCatalog Catalog { get; set; } = default!;

    [Inject]
    protected TwinQueries Twins { get; set; } = default!;

    [Inject]
    protected LiveBus Bus { get; set; } = default!;

    /// <summary>The signed-in user's tenant, or null when the user has none (not signed in).</summary>
    protected string? Tenant { get; private set; }

    /// <summary>The signed-in user.</summary>
    protected ClaimsPrincipal? User { get; private set; }

    /// <summary>The live plant, or null while the tenant has no plant model.</summary>
    protected LivePlant? Plant => _plant;

    /// <summary>True once the twins were read for the first time.</summary>
    protected bool Loaded { get; private set; }

    /// <summary>Which equipment's twins to read: all by default; null for none.</summary>
    protected virtual AssetPath? LoadScope => AssetPath.Root;

    /// <summary>True when a change of tag values needs a render; false when only states and online flags are shown.</summary>
    protected virtual bool ShowsTagValues => true;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
        {
            return;
        }

        User = (await AuthenticationState).User;
        Tenant = User.FindFirstValue(NightshiftClaims.Tenant);
        if (Tenant is null)
        {
            return;
        }

        if (Catalog.Get(Tenant) is { } model)
        {
            _plant = new LivePlant(model);
        }

        _subscription = Bus.Subscribe(Tenant, OnUpdate);
        await ReloadTwinsAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            StartRefreshing();
        }
    }

    protected override async Task<bool> OnTickAsync(CancellationToken cancellationToken)
    {
        if (Tenant is null || Catalog.Get(Tenant) is not { } model || ReferenceEquals(model, _plant?.Model))
        {
            return false;
        }

        _plant = new LivePlant(model, _plant);
        await ReloadTwinsAsync();
        return true;
    }

    /// <summary>Reads the twins of <see cref="LoadScope"/> again (e.g. when the scope changed).</summary>
    protected async Task ReloadTwinsAsync()
    {
        if (_plant is { } plant && Tenant is not null && LoadScope is { } scope)
        {
            try
            {
                await plant.LoadAsync(Twins, scope, Stopping);
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                UiLog.TwinsFailed(Logger, ex, Tenant);
            }
        }

        Loaded = true;
    }

    /// <summary>Fills the sparklines of the plant from history (see <see cref="LivePlant.LoadSparklinesAsync"/>); logs failures.</summary>
    protected async Task LoadSparklinesAsync(TagHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (_plant is not { } plant)
        {
            return;
        }

        try
        {
            await plant.LoadSparklinesAsync(history, UtcNow, Stopping);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            UiLog.SparklinesFailed(Logger, ex, plant.Tenant);
        }

        MarkChanged();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _subscription?.Dispose();
        return base.DisposeAsyncCore();
    }

    private void OnUpdate(LiveUpdate update)
    {
        if (_plant is { } plant && plant.Apply(update, UtcNow) && (ShowsTagValues || update.State is not null || update.Online is not null))
        {
            MarkChanged();
        }
    }
}
