namespace Nightshift.Simulator.Model;

/// <summary>Why a simulated machine changed state.</summary>
public enum TransitionCause
{
    /// <summary>A failure: the machine goes Down until repaired.</summary>
    Failure,

    /// <summary>The repair after a failure is finished.</summary>
    Repair,

    /// <summary>A short stop (Idle, Starved or Blocked) of seconds to minutes.</summary>
    MicroStop,

    /// <summary>A micro-stop or a planned stop ended and the machine runs again.</summary>
    Resume,

    /// <summary>A production order is finished and the machine is set up for the next product.</summary>
    ChangeoverStart,

    /// <summary>The changeover is finished; the machine runs the new product.</summary>
    ChangeoverEnd,

    /// <summary>A utility started or stopped by its own control (e.g. solar at sunrise and sunset).</summary>
    Control,
}
