namespace Nightshift.Server.Api;

/// <summary>On-time delivery over [from, to) (UTC): orders completed, of them by their due time, and the rate (a fraction; null when none was completed).</summary>
public sealed record OrderOnTimeDto(DateTime From, DateTime To, int Completed, int OnTime, double? Rate);
