using Spectre.Console.Cli;

namespace FastProcedures.Cli.Serving;

/// <summary>Registers the verbs: serve, db start|stop|status, token.</summary>
internal static class ServerVerbs
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<ServeCommand>("serve")
            .WithDescription("Serve the web UI and the REST API (starts or reuses the embedded PostgreSQL).")
            .WithExample("serve", "--demo")
            .WithExample("serve", "--urls", "http://127.0.0.1:8080");
        config.AddBranch("db", db =>
        {
            db.SetDescription("Manage the embedded PostgreSQL cluster of the data folder (FASTPROC_DATA).");
            db.AddCommand<DbStartCommand>("start").WithDescription("Start the cluster, or find it running.");
            db.AddCommand<DbStopCommand>("stop").WithDescription("Stop the cluster (fast shutdown).");
            db.AddCommand<DbStatusCommand>("status").WithDescription("Say whether the cluster runs, and where.");
        });
        config.AddCommand<TokenCommand>("token")
            .WithDescription("Print a bearer token from the development issuer (serve --demo or FASTPROC_DEV_ISSUER=1).")
            .WithExample("token", "--role", "auditor", "--tenant", "BG")
            .WithExample("token", "--role", "caseworker", "--unit", "asylum", "--tenant", "RO", "--name", "Ana Popescu");
    }
}
