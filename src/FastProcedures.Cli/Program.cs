using FastProcedures.Cli.Deadlines;
using FastProcedures.Cli.Serving;
using FastProcedures.Cli.Workflows;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("fastproc");
    ServerVerbs.Register(config);
    WorkflowVerbs.Register(config);
    DeadlineVerb.Register(config);
});
return await app.RunAsync(args);
