using Nightshift.Cli.Commands;

return await NightshiftCommand.Create().Parse(args).InvokeAsync();
