using Nightshift.Core.Assets;
using Nightshift.Core.Events;
using Nightshift.Server.Components.Journal;

namespace Nightshift.Server.Tests.Journal;

public sealed class JournalFilterTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Local_times_of_the_site_become_a_utc_query_with_kind_and_equipment()
    {
        var filter = new JournalFilter { From = "2026-11-25T08:00", To = "2026-11-25T09:30", Kind = "stateChange", Asset = "/stuttgart/press-shop/" };

        filter.TryBuild("demo", Berlin, 100, out var query, out var error).ShouldBeTrue(error);

        query.Tenant.ShouldBe("demo");
        query.From.ShouldBe(new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc));
        query.To.ShouldBe(new DateTime(2026, 11, 25, 8, 30, 0, DateTimeKind.Utc));
        query.Kinds.ShouldBe([EventKind.StateChange]);
        query.Asset.ShouldBe(AssetPath.Parse("stuttgart/press-shop"));
        query.Limit.ShouldBe(100);
        filter.ExportQuery(query).ShouldBe("from=2026-11-25T07%3A00%3A00Z&to=2026-11-25T08%3A30%3A00Z&kind=stateChange&asset=stuttgart%2Fpress-shop");
    }

    [Theory]
    [InlineData("yesterday", "2026-11-25T09:00", "", "")]
    [InlineData("2026-11-25T09:00", "2026-11-25T08:00", "", "")]
    [InlineData("2026-11-25T08:00", "2026-11-25T09:00", "weather", "")]
    [InlineData("2026-11-25T08:00", "2026-11-25T09:00", "", "a//b")]
    public void Invalid_filters_say_what_is_wrong(string from, string to, string kind, string asset)
    {
        var filter = new JournalFilter { From = from, To = to, Kind = kind, Asset = asset };
        filter.TryBuild("demo", TimeZoneInfo.Utc, 100, out var query, out var error).ShouldBeFalse();
        query.ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_last_day_ends_a_minute_after_now_in_the_sites_time()
    {
        var filter = new JournalFilter();
        filter.SetLast(TimeSpan.FromDays(1), new DateTime(2026, 7, 1, 10, 0, 30, DateTimeKind.Utc), Berlin);

        filter.From.ShouldBe("2026-06-30T12:00");
        filter.To.ShouldBe("2026-07-01T12:01");
    }

    [Fact]
    public void The_text_filter_matches_message_actor_or_path_ignoring_case()
    {
        var e = new PlantEvent(DateTime.UnixEpoch, "demo", EventKind.Command, AssetPath.Parse("plant/shop/press-1"), "alarm.ack: vibration") { Actor = "Ada" };

        new JournalFilter { Text = "VIBRATION" }.MatchesText(e).ShouldBeTrue();
        new JournalFilter { Text = "ada" }.MatchesText(e).ShouldBeTrue();
        new JournalFilter { Text = "press-1" }.MatchesText(e).ShouldBeTrue();
        new JournalFilter { Text = " " }.MatchesText(e).ShouldBeTrue();
        new JournalFilter { Text = "oven" }.MatchesText(e).ShouldBeFalse();
    }
}
