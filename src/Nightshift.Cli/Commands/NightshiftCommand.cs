using System.CommandLine;

namespace Nightshift.Cli.Commands;

/// <summary>The root of the <c>nightshift</c> command.</summary>
public static class NightshiftCommand
{
    public static RootCommand Create() => new("Nightshift: an open industrial internet platform for smart and lights-out factories.")
    {
        DemoCommand.Create(),
        ExportCommand.Create(),
        RunCommand.Create(),
        UserCommand.Create(),
    };
}
