using Nightshift.Core.Samples;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Tests;

public sealed class VirtualPlantTests
{
    // Midnight in Stuttgart (CEST) on a summer day.
    private static readonly DateTime Start = new(2026, 6, 14, 22, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_same_seed_and_steps_give_identical_values()
    {
        var first = new VirtualPlant(7, Start);
        var second = new VirtualPlant(7, Start);
        for (var i = 0; i < 120; i++)
        {
            var step = TimeSpan.FromSeconds(1 + (i % 90));
            first.Advance(step);
            second.Advance(step);
        }

        Snapshot(second).ShouldBe(Snapshot(first));
    }

    [Fact]
    public void Different_seeds_give_different_values()
    {
        var first = new VirtualPlant(1, Start);
        var second = new VirtualPlant(2, Start);
        first.Advance(TimeSpan.FromHours(1));
        second.Advance(TimeSpan.FromHours(1));

        Snapshot(second).ShouldNotBe(Snapshot(first));
    }

    [Fact]
    public void How_time_is_cut_into_steps_does_not_change_the_plant()
    {
        var coarse = new VirtualPlant(42, Start);
        var fine = new VirtualPlant(42, Start);
        coarse.Advance(TimeSpan.FromMinutes(30));
        for (var i = 0; i < 1800 * 4; i++)
        {
            fine.Advance(TimeSpan.FromMilliseconds(250));
        }

        fine.Now.ShouldBe(coarse.Now);
        Snapshot(fine).ShouldBe(Snapshot(coarse));
    }

    [Fact]
    public void A_machines_draws_do_not_depend_on_other_machines()
    {
        // The same press in plants of different seeds differs; the same press in plants of the same seed
        // stays the same even when the other devices are read and the plant is advanced in other step sizes.
        var first = new VirtualPlant(42, Start);
        var second = new VirtualPlant(42, Start);
        first.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 10; i++)
        {
            second.Advance(TimeSpan.FromMinutes(1));
        }

        var press = first.GetEdgeNode("press-line").GetDevice("press-3");
        var same = second.GetEdgeNode("press-line").GetDevice("press-3");
        same.Values.ToArray().ShouldBe(press.Values.ToArray());
        first.GetEdgeNode("press-line").GetDevice("press-2").Values.ToArray().ShouldNotBe(press.Values.ToArray());
    }

    [Fact]
    public void Every_device_publishes_a_state_of_its_state_model()
    {
        var plant = new VirtualPlant(42, Start);
        string[] machine = ["Running", "Idle", "Starved", "Blocked", "Changeover", "Down"];
        string[] utility = ["Running", "Idle", "Down"];
        var seen = new HashSet<string>();
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            plant.Advance(TimeSpan.FromMinutes(1));
            foreach (var device in plant.Devices)
            {
                var state = device.GetValue("state");
                state.Kind.ShouldBe(ValueKind.String);
                (device is MachineDevice ? machine : utility).ShouldContain(state.AsString()!);
                seen.Add(state.AsString()!);
            }
        }

        seen.ShouldBe(machine, ignoreOrder: true);
    }

    [Fact]
    public void Changeovers_switch_the_product_and_last_ten_to_twenty_minutes()
    {
        var plant = new VirtualPlant(42, Start);
        var started = new Dictionary<string, (DateTime At, string Product)>();
        var finished = 0;
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var before = plant.GetEdgeNode("press-line").Devices.ToDictionary(d => d.Id, d => d.GetValue("productId").AsString()!);
            foreach (var transition in plant.Advance(TimeSpan.FromMinutes(1)))
            {
                if (transition.Cause == TransitionCause.ChangeoverStart && before.TryGetValue(transition.DeviceId, out var product))
                {
                    transition.Detail.ShouldNotBe(product);
                    started[transition.DeviceId] = (transition.Timestamp, product);
                }
                else if (transition.Cause == TransitionCause.ChangeoverEnd && started.Remove(transition.DeviceId, out var start))
                {
                    (transition.Timestamp - start.At).ShouldBeInRange(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20.02));
                    finished++;
                }
            }
        }

        finished.ShouldBeGreaterThan(4);
    }

    [Fact]
    public void Failures_and_repairs_happen_at_speed_with_plausible_repair_times()
    {
        var plant = new VirtualPlant(42, Start);
        var down = new Dictionary<string, DateTime>();
        var repairs = new List<TimeSpan>();
        for (var hour = 0; hour < 4 * 24; hour++)
        {
            foreach (var transition in plant.Advance(TimeSpan.FromHours(1)))
            {
                var key = transition.EdgeNodeId + "/" + transition.DeviceId;
                if (transition.Cause == TransitionCause.Failure)
                {
                    transition.To.ShouldBe(MachineState.Down);
                    down.Add(key, transition.Timestamp);
                }
                else if (transition.Cause == TransitionCause.Repair)
                {
                    transition.To.ShouldNotBe(MachineState.Down);
                    down.Remove(key, out var since).ShouldBeTrue();
                    repairs.Add(transition.Timestamp - since);
                }
            }
        }

        repairs.Count.ShouldBeGreaterThan(20);
        repairs.ShouldAllBe(r => r >= TimeSpan.FromMinutes(5) && r <= TimeSpan.FromHours(12));
        var mean = TimeSpan.FromTicks((long)repairs.Average(r => r.Ticks));
        mean.ShouldBeInRange(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(90));
    }

    [Fact]
    public void Vibration_rises_over_hours_before_at_least_one_failure()
    {
        var plant = new VirtualPlant(42, Start);
        var vibrating = plant.Devices.Where(d => d.Metrics.Any(m => m.Name == "vibration")).ToArray();
        var history = vibrating.ToDictionary(d => d.Id, _ => new List<(DateTime At, double Value)>());
        var announced = 0;
        for (var minute = 0; minute < 14 * 24 * 60 && announced == 0; minute++)
        {
            var transitions = plant.Advance(TimeSpan.FromMinutes(1));
            foreach (var transition in transitions.Where(t => t.Cause == TransitionCause.Failure && history.ContainsKey(t.DeviceId)))
            {
                var samples = history[transition.DeviceId];
                if (transition.Detail == "bearing" && samples.Count > 0)
                {
                    var last = samples[^1];
                    var hoursBefore = samples.LastOrDefault(s => s.At <= transition.Timestamp - TimeSpan.FromHours(3));
                    last.Value.ShouldBeGreaterThan(6.0);
                    if (hoursBefore != default)
                    {
                        hoursBefore.Value.ShouldBeLessThan(last.Value - 2.0);
                    }

                    announced++;
                }
            }

            foreach (var device in vibrating.Where(d => d.GetValue("state").AsString() == "Running"))
            {
                history[device.Id].Add((plant.Now, device.GetValue("vibration").AsDouble()));
            }
        }

        announced.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Degradation_is_reset_by_the_repair()
    {
        var plant = new VirtualPlant(42, Start);
        var machines = plant.Devices.OfType<MachineDevice>().ToArray();
        var repaired = 0;
        for (var minute = 0; minute < 14 * 24 * 60 && repaired < 3; minute++)
        {
            foreach (var transition in plant.Advance(TimeSpan.FromMinutes(1)).Where(t => t.Cause == TransitionCause.Repair))
            {
                if (machines.FirstOrDefault(m => m.Id == transition.DeviceId) is { } machine && machine.State != MachineState.Down)
                {
                    machine.Degradation.ShouldBeLessThan(0.2);
                    repaired++;
                }
            }
        }

        repaired.ShouldBeGreaterThan(0);
    }

    private static string Snapshot(VirtualPlant plant) => string.Join(
        "\n",
        plant.Devices.SelectMany(d => d.Metrics.Select((m, i) => $"{d.EdgeNodeId}/{d.Id}.{m.Name}={d.Values[i]}")));
}
