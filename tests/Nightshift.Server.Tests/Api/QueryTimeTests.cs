using Nightshift.Server.Api;

namespace Nightshift.Server.Tests.Api;

public class QueryTimeTests
{
    private static readonly DateTime Fallback = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-11-25T08:00:00Z", "2026-11-25T08:00:00")]
    [InlineData("2026-11-25T09:30:00+01:30", "2026-11-25T08:00:00")]
    [InlineData("2026-11-25T03:00:00-05:00", "2026-11-25T08:00:00")]
    public void A_time_with_a_zone_is_converted_to_utc(string text, string expectedUtc)
    {
        QueryTime.TryParse(text, Fallback, out var utc, out var error).ShouldBeTrue(error);

        utc.Kind.ShouldBe(DateTimeKind.Utc);
        utc.ShouldBe(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("2026-11-25T08:00:00")]
    [InlineData("2026-11-25")]
    [InlineData("now")]
    public void A_time_without_a_zone_is_refused_rather_than_guessed(string text)
    {
        QueryTime.TryParse(text, Fallback, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain(text);
    }

    [Fact]
    public void A_missing_time_takes_the_fallback()
    {
        QueryTime.TryParse(null, Fallback, out var utc, out _).ShouldBeTrue();
        utc.ShouldBe(Fallback);
    }
}
