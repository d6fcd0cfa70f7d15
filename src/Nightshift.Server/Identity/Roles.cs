namespace Nightshift.Server.Identity;

/// <summary>The roles of a tenant's users, from least to most privileged; each includes the rights of those before it.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Engineer = "engineer";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Engineer, Admin];

    public static bool IsValid(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The roles that satisfy a requirement of <paramref name="minimum"/> (e.g. Operator: operator, engineer, admin).</summary>
    public static string[] AtLeast(string minimum) => [.. All.SkipWhile(r => r != minimum)];
}
