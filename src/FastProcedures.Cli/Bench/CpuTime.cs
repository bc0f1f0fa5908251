using System.Diagnostics;
using System.Globalization;

namespace FastProcedures.Cli.Bench;

/// <summary>
/// CPU time used so far: the machine's (every process, PostgreSQL's included, from Linux's <c>/proc/stat</c>; NaN
/// elsewhere) and this process's (the runtime, its daemon and the baselines all run in it). A phase's CPU is the
/// difference of two readings. Unlike throughput, CPU per commit hardly moves when another phase or the machine's
/// speed varies, so it tells where the cost of a command goes.
/// </summary>
internal readonly record struct CpuTime(double MachineMs, double ProcessMs)
{
    // /proc/stat counts in USER_HZ ticks, 100 a second on every Linux architecture .NET runs on.
    private const double MsPerTick = 10;

    public static CpuTime Now()
    {
        using var process = Process.GetCurrentProcess();
        return new CpuTime(MachineBusyMs(), process.TotalProcessorTime.TotalMilliseconds);
    }

    public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.MachineMs - b.MachineMs, a.ProcessMs - b.ProcessMs);

    public static CpuTime operator +(CpuTime a, CpuTime b) => new(a.MachineMs + b.MachineMs, a.ProcessMs + b.ProcessMs);

    /// <summary>Ticks of all cores not idle: user, nice, system, irq, softirq, steal (guest time is within user).</summary>
    private static double MachineBusyMs()
    {
        if (!File.Exists("/proc/stat"))
        {
            return double.NaN;
        }
        var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => i < total.Length ? long.Parse(total[i], CultureInfo.InvariantCulture) : 0;
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) * MsPerTick;
    }
}
