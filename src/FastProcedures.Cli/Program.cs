using FastProcedures.Cli.Audit;
using FastProcedures.Cli.Bench;
using FastProcedures.Cli.Deadlines;
using FastProcedures.Cli.Serving;
using FastProcedures.Cli.Statistics;
using FastProcedures.Cli.Simulation;
using FastProcedures.Cli.WhatIf;
using FastProcedures.Cli.Workflows;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("fastproc");
    // An unknown option or an extra argument is refused, never ignored (`serve --bogus` must not start a server).
    config.UseStrictParsing();
    config.SetInterceptor(new FastProcedures.Cli.OptionValues());
    // Every failure is one line on stderr and a non-zero exit: 2 for bad usage, 1 for anything else.
    config.SetExceptionHandler((exception, _) =>
    {
        Console.Error.WriteLine($"fastproc: {FastProcedures.Cli.OptionValues.Describe(exception)}");
        return exception is CommandParseException or CommandRuntimeException or FastProcedures.Cli.UsageException ? 2 : 1;
    });
    ServerVerbs.Register(config);
    WorkflowVerbs.Register(config);
    DeadlineVerb.Register(config);
    AuditVerbs.Register(config);
    StatisticsVerbs.Register(config);
    BenchVerb.Register(config);
    SimulateVerb.Register(config);
    WhatIfVerb.Register(config);
});
return await app.RunAsync(args);
