using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace FastProcedures.Postgres;

/// <summary>
/// A PostgreSQL cluster that FastProcedures runs itself from the machine's server binaries, in one data folder:
/// <c>ROOT/cluster/data</c> (PGDATA, unix socket too), <c>ROOT/cluster/postgres.log</c>, and <c>ROOT/cluster.json</c>
/// recording the port so a second <c>serve</c> or <c>db status</c> finds the running server. As root the server runs
/// as an unprivileged OS user (<c>postgres</c>, else a <c>fastproc</c> system user created for it).
/// </summary>
public sealed class EmbeddedPostgres
{
    public const string SuperUser = "postgres";
    private const string StateFileName = "cluster.json";

    private readonly int? _requestedPort;
    private readonly Lazy<PostgresBinaries> _binaries;

    public EmbeddedPostgres(string rootDirectory, int? port = null, PostgresBinaries? binaries = null)
    {
        RootDirectory = Path.GetFullPath(rootDirectory);
        _requestedPort = port;
        _binaries = new Lazy<PostgresBinaries>(() => binaries ?? PostgresBinaries.Find());
    }

    public string RootDirectory { get; }
    public string ClusterDirectory => Path.Combine(RootDirectory, "cluster");
    public string DataDirectory => Path.Combine(ClusterDirectory, "data");
    public string LogFile => Path.Combine(ClusterDirectory, "postgres.log");
    private string StateFile => Path.Combine(RootDirectory, StateFileName);

    /// <summary><c>FASTPROC_DATA</c>, else <c>/var/lib/fastproc</c> for root (the server user cannot reach
    /// <c>/root</c>), else the user's data directory (<c>~/.local/share/fastproc</c>).</summary>
    public static string DefaultRootDirectory()
    {
        if (Environment.GetEnvironmentVariable("FASTPROC_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }
        if (OsProcess.IsRoot)
        {
            return "/var/lib/fastproc";
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "fastproc");
    }

    /// <summary>Starts the cluster, or finds it already running; creates it on first use. Idempotent, and safe when
    /// several processes start the same data folder at once: they take turns on <c>ROOT/cluster.lock</c>.</summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        var serviceUser = await PrepareFoldersAsync(cancellationToken);
        using var turn = await LockAsync(cancellationToken);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitDbAsync(serviceUser, cancellationToken);
        }

        var status = await StatusAsync(cancellationToken);
        if (status is { Running: true, Port: { } runningPort })
        {
            return runningPort;
        }
        // Not running, so a postmaster.pid left behind is stale (even when its pid now belongs to another process, or
        // to the postmaster of another cluster): PostgreSQL would refuse to start while it names a live process.
        RemoveStalePidFile();

        var port = _requestedPort
            ?? (ReadRecordedPort() is { } recorded && IsPortFree(recorded) ? recorded : FreePort());
        for (var attempt = 1; ; attempt++)
        {
            var result = await PgCtlAsync(serviceUser,
                ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", LogFile,
                 "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {DataDirectory}"],
                cancellationToken);
            if (result.ExitCode == 0)
            {
                break;
            }
            // After kill -9 the old postmaster.pid (and, for a moment, dying backends) can block the start.
            if (attempt < 4 && RemoveStalePidFile())
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                continue;
            }
            if (attempt < 4 && !IsPortFree(port) && _requestedPort is null)
            {
                port = FreePort();
                continue;
            }
            throw new PostgresLauncherException(
                $"PostgreSQL did not start (see {LogFile}): {LastLines(result.Output, LogFile)}");
        }

        await File.WriteAllTextAsync(StateFile,
            JsonSerializer.Serialize(new ClusterState(port, _binaries.Value.BinDirectory)), cancellationToken);
        return port;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var status = await StatusAsync(cancellationToken);
        if (!status.Running)
        {
            return;
        }
        var result = await PgCtlAsync(ServiceUser(create: false), ["stop", "-D", DataDirectory, "-m", "fast", "-w"],
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new PostgresLauncherException($"PostgreSQL did not stop: {result.Output}");
        }
    }

    public async Task<ClusterStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return new ClusterStatus(false, false, null, null, DataDirectory);
        }
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        string[] lines;
        try
        {
            lines = File.Exists(pidFile) ? await File.ReadAllLinesAsync(pidFile, cancellationToken) : [];
        }
        catch (IOException)
        {
            lines = []; // removed while we read it: the server just stopped
        }
        // postmaster.pid: line 1 pid, line 4 port (PostgreSQL's documented layout). pg_ctl status only asks whether the
        // pid is alive; after a crash it may name any process, so the process must also be this cluster's postmaster.
        int? pid = lines.Length > 0 && int.TryParse(lines[0], out var p) ? p : null;
        int? port = lines.Length > 3 && int.TryParse(lines[3], out var po) ? po : null;
        if (pid is null || port is null || !IsPostmasterOfThisCluster(pid.Value))
        {
            return new ClusterStatus(true, false, null, null, DataDirectory);
        }
        return new ClusterStatus(true, true, port, pid, DataDirectory);
    }

    /// <summary>Whether <paramref name="pid"/> is a postgres process working in this data folder (a postmaster runs
    /// with its data directory as its working directory).</summary>
    private bool IsPostmasterOfThisCluster(int pid)
    {
        try
        {
            if (!File.Exists($"/proc/{pid}/comm")
                || File.ReadAllText($"/proc/{pid}/comm").Trim() is not ("postgres" or "postmaster"))
            {
                return false;
            }
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
            return cwd is not null && Path.TrimEndingDirectorySeparator(cwd) == RealPath(DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile, or another user's process: not the server we run
        }
    }

    /// <summary>The path with every symbolic link resolved, as the kernel reports a process's working directory.</summary>
    private static string RealPath(string path)
    {
        var resolved = "/";
        foreach (var part in Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            for (var hops = 0; hops < 40 && new DirectoryInfo(next).LinkTarget is { } target; hops++)
            {
                next = Path.GetFullPath(target, resolved);
            }
            resolved = next;
        }
        return Path.TrimEndingDirectorySeparator(resolved);
    }

    /// <summary>Waits for the data folder's start lock (a second <c>serve</c> or <c>db start</c> holds it while it
    /// creates or starts the cluster).</summary>
    private async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(RootDirectory, "cluster.lock");
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: held until disposed, released if the process dies.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited < LockTimeout)
            {
                await Task.Delay(200, cancellationToken);
                waited += TimeSpan.FromMilliseconds(200);
            }
            catch (IOException)
            {
                throw new PostgresLauncherException(
                    $"Another fastproc process has held {path} for {LockTimeout.TotalSeconds:0} s while starting PostgreSQL; try again.");
            }
        }
    }

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(3);

    public static string ConnectionString(int port, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SuperUser,
        Database = database,
        // Many test classes and the app share one small cluster.
        MaxPoolSize = 20,
    }.ConnectionString;

    /// <summary>Creates the database when it does not exist yet.</summary>
    public static async Task EnsureDatabaseAsync(int port, string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(port, "postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand(
                $"create database \"{database.Replace("\"", "\"\"")}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another serve created it between our check and our create: it exists, which is all we need.
            }
        }
    }

    private async Task<string?> PrepareFoldersAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(RootDirectory);
            var probe = Path.Combine(RootDirectory, ".write-probe");
            await File.WriteAllTextAsync(probe, "", cancellationToken);
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new PostgresLauncherException(
                $"The data folder {RootDirectory} is not writable ({e.Message}); set FASTPROC_DATA to a writable folder.");
        }

        var serviceUser = ServiceUser(create: true);
        if (serviceUser is null)
        {
            Directory.CreateDirectory(ClusterDirectory);
            return null;
        }
        var install = await OsProcess.RunAsync("install",
            ["-d", "-o", serviceUser, "-g", serviceUser, "-m", "700", ClusterDirectory],
            cancellationToken: cancellationToken);
        var reachable = install.ExitCode == 0
            && (await OsProcess.RunAsync("test", ["-w", ClusterDirectory], serviceUser,
                cancellationToken: cancellationToken)).ExitCode == 0;
        if (!reachable)
        {
            throw new PostgresLauncherException(
                $"PostgreSQL runs as the OS user '{serviceUser}', which cannot reach {ClusterDirectory} " +
                "(every parent folder must be reachable by it); set FASTPROC_DATA to a folder such as /var/lib/fastproc.");
        }
        return serviceUser;
    }

    private async Task InitDbAsync(string? serviceUser, CancellationToken cancellationToken)
    {
        var result = await OsProcess.RunAsync(_binaries.Value.InitDb,
            ["-D", DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
            serviceUser, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new PostgresLauncherException($"initdb failed: {LastLines(result.Output, null)}");
        }
    }

    private Task<OsProcess.Result> PgCtlAsync(string? serviceUser, string[] arguments, CancellationToken token) =>
        OsProcess.RunAsync(_binaries.Value.PgCtl, arguments, serviceUser, TimeSpan.FromSeconds(90), token);

    /// <summary>The OS user the server runs as when we are root; null when we are not root.</summary>
    private static string? ServiceUser(bool create)
    {
        if (!OsProcess.IsRoot)
        {
            return null;
        }
        foreach (var candidate in new[] { "postgres", "fastproc" })
        {
            if (OsProcess.RunAsync("id", ["-u", candidate]).GetAwaiter().GetResult().ExitCode == 0)
            {
                return candidate;
            }
        }
        if (!create)
        {
            return "postgres";
        }
        var added = OsProcess.RunAsync("useradd",
            ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "fastproc"])
            .GetAwaiter().GetResult();
        return added.ExitCode == 0
            ? "fastproc"
            : throw new PostgresLauncherException($"Could not create the OS user 'fastproc' for PostgreSQL: {added.Output}");
    }

    /// <summary>Deletes postmaster.pid unless it names this cluster's running postmaster (a crash or kill -9 leaves
    /// it behind, and its pid may since belong to any process).</summary>
    private bool RemoveStalePidFile()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return false;
        }
        var first = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(first, out var pid) && IsPostmasterOfThisCluster(pid))
        {
            return false;
        }
        File.Delete(pidFile);
        return true;
    }

    private int? ReadRecordedPort()
    {
        try
        {
            return File.Exists(StateFile)
                ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(StateFile))?.Port
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LastLines(string output, string? logFile)
    {
        var text = output;
        if (logFile is not null && File.Exists(logFile))
        {
            text += "\n" + string.Join("\n", File.ReadLines(logFile).TakeLast(3));
        }
        return string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .TakeLast(4));
    }

    private sealed record ClusterState(int Port, string BinDirectory);
}
