using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Spine;

public sealed class when_the_cli_gets_bad_input
{
    [Fact]
    public async Task an_unknown_verb_is_refused_with_a_non_zero_exit()
    {
        var result = await CliRunner.RunAsync(null, "frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task a_bad_urls_value_is_one_clear_line_and_exit_2()
    {
        var result = await CliRunner.RunAsync(null, "serve", "--urls", "not a url");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("fastproc: --urls: 'not a url' is not an absolute http:// or https:// URL with a host.",
            result.StandardError.Trim());
    }

    [Fact]
    public async Task an_unwritable_data_folder_is_reported_and_nothing_is_started()
    {
        var file = Path.GetTempFileName(); // a file where a folder is expected: never writable as a folder
        try
        {
            var result = await CliRunner.RunAsync(
                new Dictionary<string, string?> { ["FASTPROC_DATA"] = Path.Combine(file, "data"), ["FASTPROC_DB"] = null },
                "db", "start");

            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"fastproc: The data folder {Path.Combine(file, "data")} is not writable", result.StandardError.Trim());
            Assert.Single(result.StandardError.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task an_unreachable_database_is_reported_in_one_line()
    {
        var result = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["FASTPROC_DB"] = "Host=127.0.0.1;Port=1;Username=x;Database=x" },
            "serve", "--urls", "http://127.0.0.1:5999");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.StartsWith("fastproc: Cannot reach the database 127.0.0.1:1/x given in FASTPROC_DB", line);
    }

    [Fact]
    public async Task missing_postgresql_binaries_name_the_three_ways_out()
    {
        var root = Path.Combine(Path.GetTempPath(), "fastproc-nobin-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await CliRunner.RunAsync(
                new Dictionary<string, string?>
                {
                    ["FASTPROC_DATA"] = root,
                    ["FASTPROC_PG_BIN"] = "/nonexistent",
                    ["FASTPROC_DB"] = null,
                },
                "db", "start");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("apt-get install postgresql", result.StandardError);
            Assert.Contains("FASTPROC_DB", result.StandardError);
            Assert.Contains("docker compose up", result.StandardError);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
