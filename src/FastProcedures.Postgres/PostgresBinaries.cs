using System.Diagnostics;

namespace FastProcedures.Postgres;

/// <summary>The PostgreSQL server programs (initdb, pg_ctl, postgres) of this machine.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>
    /// <c>FASTPROC_PG_BIN</c> alone when set; else <c>pg_config --bindir</c>, then the newest
    /// <c>/usr/lib/postgresql/*/bin</c>. A folder counts only when it holds initdb and pg_ctl.
    /// </summary>
    public static PostgresBinaries Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("FASTPROC_PG_BIN") is { Length: > 0 } explicitBin)
        {
            candidates.Add(explicitBin);
        }
        else
        {
            if (PgConfigBinDir() is { } fromPgConfig)
            {
                candidates.Add(fromPgConfig);
            }
            const string debianRoot = "/usr/lib/postgresql";
            if (Directory.Exists(debianRoot))
            {
                candidates.AddRange(Directory.GetDirectories(debianRoot)
                    .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                    .OrderByDescending(d => d.Version)
                    .Select(d => Path.Combine(d.Dir, "bin")));
            }
        }

        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return new PostgresBinaries(dir);
            }
        }
        throw PostgresLauncherException.NoBinaries(
            candidates.Count == 0 ? "no pg_config, no /usr/lib/postgresql" : "looked in " + string.Join(", ", candidates));
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return null;
            }
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
