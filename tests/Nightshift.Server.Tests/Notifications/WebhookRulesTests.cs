using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Nightshift.Core.Alarms;
using Nightshift.Core.Assets;
using Nightshift.Server.Data;
using Nightshift.Server.Notifications;

namespace Nightshift.Server.Tests.Notifications;

public sealed class WebhookRulesTests
{
    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_body_with_the_secret()
    {
        var body = Encoding.UTF8.GetBytes("""{"kind":"alarm"}""");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret-s3cret-s3cret"), body));

        WebhookSignature.Compute("s3cret-s3cret-s3cret", body).ShouldBe(expected);
        WebhookSignature.Verify("s3cret-s3cret-s3cret", body, expected).ShouldBeTrue();
        WebhookSignature.Verify("s3cret-s3cret-s3cret", Encoding.UTF8.GetBytes("""{"kind":"alarm" }"""), expected).ShouldBeFalse();
        WebhookSignature.Verify("s3cret-s3cret-s3cret", body, expected.ToUpperInvariant()).ShouldBeFalse();
        WebhookSignature.Verify("s3cret-s3cret-s3cret", body, null).ShouldBeFalse();
    }

    [Fact]
    public void The_default_backoff_makes_eight_attempts_over_about_an_hour()
    {
        var options = new WebhookOptions();
        var delays = Enumerable.Range(1, options.MaxAttempts - 1).Select(n => WebhookBackoff.Delay(options, n, 0.5)).ToList();

        delays.ShouldBe([.. new[] { 0.5, 1, 2, 4, 8, 16, 32 }.Select(TimeSpan.FromMinutes)]);
        delays.Aggregate(TimeSpan.Zero, (a, b) => a + b).ShouldBe(TimeSpan.FromMinutes(63.5));
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.25, 0.9)]
    [InlineData(0.999999, 1.2)]
    public void Jitter_varies_a_delay_up_and_down_by_its_fraction(double random, double factor)
    {
        var options = new WebhookOptions { FirstRetryDelay = TimeSpan.FromSeconds(100), Jitter = 0.2 };
        WebhookBackoff.Delay(options, 1, random).TotalSeconds.ShouldBe(100 * factor, 0.001);
    }

    [Fact]
    public void A_delay_never_exceeds_the_maximum()
    {
        var options = new WebhookOptions { FirstRetryDelay = TimeSpan.FromMinutes(10), MaxRetryDelay = TimeSpan.FromMinutes(15), Jitter = 0 };
        WebhookBackoff.Delay(options, 40, 0.5).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData("alarm", 4, null, null, "alarm", 3, "process", "plant/a/line/press", true)]
    [InlineData("stateChange", 4, null, null, "alarm", 3, "process", "plant/a/line/press", false)]
    [InlineData("alarm", 2, null, null, "alarm", 3, "process", "plant/a/line/press", false)]
    [InlineData("alarm", 3, null, null, "alarm", 3, "process", "plant/a/line/press", true)]
    [InlineData("alarm", 4, "plant/a", null, "alarm", 3, "process", "plant/a/line/press", true)]
    [InlineData("alarm", 4, "plant/a", null, "alarm", 3, "process", "plant/ab/line/press", false)]
    [InlineData("alarm", 4, "plant/a", null, "alarm", 3, "process", null, false)]
    [InlineData("alarm", 4, null, "Safety", "alarm", 3, "safety", "plant/a/line/press", true)]
    [InlineData("alarm", 4, null, "safety", "alarm", 3, "process", "plant/a/line/press", false)]
    [InlineData("alarm,stateChange", 1, null, "safety", "stateChange", null, null, "plant/a/line/press", true)]
    public void Filters_route_by_kind_priority_area_and_class(
        string kinds, int maxPriority, string? area, string? alarmClass, string kind, int? priority, string? eventClass, string? asset, bool delivered)
    {
        var subscription = new WebhookSubscription
        {
            Tenant = "demo",
            Name = "w",
            Url = "http://127.0.0.1/hook",
            Secret = "0123456789abcdef",
            Kinds = kinds,
            MaxPriority = maxPriority,
            AreaPrefix = area,
            Class = alarmClass,
            CreatedBy = "root",
        };
        var notification = new WebhookNotification("id", kind, "demo", DateTime.UnixEpoch, asset is null ? null : AssetPath.Parse(asset), new JsonObject())
        {
            Priority = (AlarmPriority?)priority,
            Class = eventClass,
        };

        WebhookFilter.Matches(subscription, WebhookEventKinds.Split(kinds), area is null ? null : AssetPath.Parse(area), notification).ShouldBe(delivered);
        WebhookFilter.Matches(subscription, WebhookEventKinds.Split(kinds), null, notification with { Tenant = "other" }).ShouldBeFalse();
    }

    [Fact]
    public void An_operators_acknowledgement_is_both_an_alarm_event_and_a_command_and_a_process_change_only_an_alarm_event()
    {
        var ack = new AlarmEvent(DateTime.UnixEpoch, "plant.a.line.press~v.hi", AlarmAction.Acknowledge, AlarmState.UnackActive, AlarmState.AckActive, "ada", "seen")
        {
            Priority = AlarmPriority.Urgent,
            Class = "safety",
        };
        var activation = ack with { Action = AlarmAction.Activate, Who = AlarmStateMachine.SystemActor };

        WebhookPayloads.Command("demo", ack).ShouldNotBeNull().Data["action"]!.GetValue<string>().ShouldBe("alarm.ack");
        WebhookPayloads.Command("demo", activation).ShouldBeNull();
        var alarm = WebhookPayloads.Alarm("demo", ack);
        alarm.Asset.ShouldBe(AssetPath.Parse("plant/a/line/press"));
        alarm.Priority.ShouldBe(AlarmPriority.Urgent);
        var body = JsonNode.Parse(WebhookPayloads.Body(alarm))!;
        body["data"]!["who"]!.GetValue<string>().ShouldBe("ada");
        body["timestamp"]!.GetValue<string>().ShouldBe("1970-01-01T00:00:00.0000000Z");
    }
}
