using Nightshift.Core.Oee;

namespace Nightshift.Core.Tests.Oee;

public class CounterIncreaseTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

    private static DateTime Minute(int m) => T0.AddMinutes(m);

    [Fact]
    public void A_rising_counter_counts_the_steps_within_and_between_buckets()
    {
        List<CounterBucket> buckets = [new(Minute(0), 102, 110, 102, 110), new(Minute(1), 112, 120, 112, 120), new(Minute(3), 125, 130, 125, 130)];

        var increments = CounterIncrease.PerBucket(buckets, before: 100);

        // 2 before + 8 inside; 2 + 8; 5 across the empty minute + 5.
        increments.Select(i => i.Units).ShouldBe([10L, 10L, 10L]);
        CounterIncrease.Sum(increments, Minute(0), Minute(4)).ShouldBe(30);
        CounterIncrease.Sum(increments, Minute(1), Minute(3)).ShouldBe(10);
    }

    [Fact]
    public void A_reset_between_buckets_counts_the_value_after_it()
    {
        List<CounterBucket> buckets = [new(Minute(0), 500, 510, 500, 510), new(Minute(1), 3, 9, 3, 9)];

        var increments = CounterIncrease.PerBucket(buckets, before: 500);

        increments.Select(i => i.Units).ShouldBe([10L, 9L]);
    }

    [Fact]
    public void A_reset_inside_a_bucket_counts_up_to_the_highest_and_again_from_zero()
    {
        // 900 → 950, reset to 0, → 7 in the same minute.
        List<CounterBucket> buckets = [new(Minute(0), 900, 7, 0, 950)];

        var increments = CounterIncrease.PerBucket(buckets, before: 900);

        increments.Single().Units.ShouldBe(57);
    }

    [Fact]
    public void Without_a_reading_before_the_first_bucket_only_its_own_increase_counts()
    {
        var increments = CounterIncrease.PerBucket([new CounterBucket(Minute(0), 40, 45, 40, 45)], before: null);

        increments.Single().Units.ShouldBe(5);
    }

    [Fact]
    public void Buckets_out_of_order_are_refused()
    {
        Should.Throw<ArgumentException>(() => CounterIncrease.PerBucket([new(Minute(1), 1, 2, 1, 2), new(Minute(0), 3, 4, 3, 4)], null));
    }
}
