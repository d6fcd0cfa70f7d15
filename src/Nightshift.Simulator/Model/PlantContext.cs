namespace Nightshift.Simulator.Model;

/// <summary>
/// What the devices of one integration step share: the simulated clock, the calendar (for the sun and the weather),
/// and the plant totals that couple utilities to production. Owned by <see cref="VirtualPlant"/>; not thread-safe.
/// </summary>
internal sealed class PlantContext
{
    /// <summary>The simulated instant (UTC) at the end of the current step.</summary>
    public DateTime Now { get; set; }

    /// <summary>The calendar instant (UTC) that decides the position of the sun and the outdoor temperature.</summary>
    public DateTime Calendar { get; set; }

    /// <summary>The outdoor air temperature at the site, in °C.</summary>
    public double OutdoorTemperatureC { get; set; }

    /// <summary>The electrical power of the production machines (presses, robots, oven, CNC), in kW.</summary>
    public double ProductionPowerKw { get; set; }

    /// <summary>The pressure of the compressed air network, in bar (gauge).</summary>
    public double AirPressureBar { get; set; } = 7.0;

    /// <summary>The compressed air the plant consumes now, in m³/min (free air).</summary>
    public double AirDemandM3PerMin { get; set; }

    /// <summary>The compressed air the compressors deliver now, in m³/min (free air).</summary>
    public double AirSupplyM3PerMin { get; set; }

    /// <summary>The electrical power of everything except the meters and solar, in kW.</summary>
    public double PlantLoadKw { get; set; }

    /// <summary>The power the rooftop solar plant feeds in, in kW.</summary>
    public double SolarPowerKw { get; set; }

    /// <summary>The gas the plant burns, in m³/h.</summary>
    public double GasFlowM3PerHour { get; set; }

    /// <summary>Where state changes are collected during an advance; null when nobody listens.</summary>
    public List<StateTransition>? Transitions { get; set; }
}
