using Microsoft.EntityFrameworkCore;

namespace Nightshift.Server.Data;

/// <summary>Users, API keys and the audit trail: SQLite under the data folder by default (EF Core).</summary>
public sealed class MetadataDbContext(DbContextOptions<MetadataDbContext> options) : DbContext(options)
{
    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<ConnectorEntry> Connectors => Set<ConnectorEntry>();

    public DbSet<AlarmEventEntry> AlarmEvents => Set<AlarmEventEntry>();

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<AlarmStateEntry> AlarmStates => Set<AlarmStateEntry>();

    public DbSet<WebhookSubscription> Webhooks => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<ProductionOrderEntry> ProductionOrders => Set<ProductionOrderEntry>();

    public DbSet<DowntimeReclassificationEntry> DowntimeReclassifications => Set<DowntimeReclassificationEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<UserAccount>().HasIndex(u => new { u.Tenant, u.UserName }).IsUnique();
        modelBuilder.Entity<ApiKey>().HasIndex(k => new { k.Tenant, k.Name }).IsUnique();
        modelBuilder.Entity<AuditEntry>().HasIndex(a => new { a.Tenant, a.Timestamp });
        modelBuilder.Entity<AlarmEventEntry>().HasIndex(a => new { a.Tenant, a.Timestamp });
        modelBuilder.Entity<JournalEntry>().HasIndex(j => new { j.Tenant, j.Timestamp });
        modelBuilder.Entity<ProductionOrderEntry>().HasIndex(o => new { o.Tenant, o.Number }).IsUnique();
        modelBuilder.Entity<DowntimeReclassificationEntry>().HasIndex(d => new { d.Tenant, d.Equipment, d.Start }).IsUnique();
        modelBuilder.Entity<AlarmStateEntry>().HasKey(a => new { a.Tenant, a.AlarmId });
        modelBuilder.Entity<WebhookSubscription>().HasIndex(w => w.Tenant);
        modelBuilder.Entity<WebhookDelivery>().HasIndex(d => new { d.State, d.NextAttemptAt });
        modelBuilder.Entity<WebhookDelivery>().HasIndex(d => new { d.SubscriptionId, d.State });
    }
}
