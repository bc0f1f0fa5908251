using FastProcedures.Postgres;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Serving;

internal sealed class DbStartCommand : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        await Cli.Guard(async () =>
        {
            var cluster = new EmbeddedPostgres(EmbeddedPostgres.DefaultRootDirectory());
            await cluster.StartAsync(cancellationToken);
            Console.WriteLine(await cluster.StatusAsync(cancellationToken));
            return 0;
        });
}

internal sealed class DbStopCommand : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        await Cli.Guard(async () =>
        {
            var cluster = new EmbeddedPostgres(EmbeddedPostgres.DefaultRootDirectory());
            await cluster.StopAsync(cancellationToken);
            Console.WriteLine(await cluster.StatusAsync(cancellationToken));
            return 0;
        });
}

internal sealed class DbStatusCommand : AsyncCommand
{
    /// <summary>Exit 0 when running, 3 when stopped or absent (as pg_ctl status does).</summary>
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        await Cli.Guard(async () =>
        {
            var status = await new EmbeddedPostgres(EmbeddedPostgres.DefaultRootDirectory()).StatusAsync(cancellationToken);
            Console.WriteLine(status);
            return status.Running ? 0 : 3;
        });
}
