using Nightshift.Server.Export;

namespace Nightshift.Server.Tests.Export;

public sealed class ExportIntervalTests
{
    [Theory]
    [InlineData("500ms", 0, 0, 0, 500)]
    [InlineData("10s", 0, 0, 10, 0)]
    [InlineData("15m", 0, 15, 0, 0)]
    [InlineData("2h", 2, 0, 0, 0)]
    [InlineData("1d", 24, 0, 0, 0)]
    public void A_number_and_a_unit_is_an_interval(string text, int hours, int minutes, int seconds, int milliseconds)
    {
        ExportInterval.TryParse(text, out var interval, out var error).ShouldBeTrue(error);
        interval.ShouldBe(new TimeSpan(0, hours, minutes, seconds, milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("1.5h")]
    [InlineData("1w")]
    [InlineData("99999999999999999999d")]
    public void Anything_else_is_refused_with_the_reason(string text)
    {
        ExportInterval.TryParse(text, out var interval, out var error).ShouldBeFalse();
        interval.ShouldBeNull();
        error.ShouldContain("interval");
    }
}
