namespace Nightshift.Server.Api;

/// <summary>
/// One alarm in API responses. <c>Kind</c> and <c>Priority</c> are named as in plant files (<c>high</c>, <c>commLoss</c>;
/// <c>urgent</c> to <c>low</c>); <c>State</c> is the ISA-18.2 state (<c>Normal</c>, <c>UnackActive</c>, <c>AckActive</c>,
/// <c>UnackRtn</c>, <c>Shelved</c>, <c>SuppressedByDesign</c>, <c>OutOfService</c>); times are UTC.
/// </summary>
public sealed record AlarmDto(
    string Id,
    string Equipment,
    string Tag,
    string Kind,
    string Priority,
    string Class,
    string State,
    bool ConditionActive,
    DateTime Since,
    string Message,
    DateTime? ShelvedUntil,
    string? ShelvedBy,
    string? ShelveReason);
