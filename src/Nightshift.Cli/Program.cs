using System.CommandLine;
using Nightshift.Cli.Commands;

// Ctrl+C and SIGTERM cancel the command's token; a node then flushes its history and stops its broker and silo, which
// takes longer than System.CommandLine's default grace of two seconds (after which it would exit with 130 mid-stop).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await NightshiftCommand.Create().Parse(args).InvokeAsync(invocation);
