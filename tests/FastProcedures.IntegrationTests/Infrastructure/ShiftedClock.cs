namespace FastProcedures.IntegrationTests.Infrastructure;

/// <summary>The wall clock moved by <see cref="Offset"/>: lets a test act at any legal instant while Wolverine's
/// scheduler keeps running on real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>From now on the clock reads <paramref name="instant"/> (and runs on from there).</summary>
    public void Set(DateTimeOffset instant) => Offset = instant - System.GetUtcNow();
}
