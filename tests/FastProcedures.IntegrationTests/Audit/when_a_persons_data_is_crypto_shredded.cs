using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.ErasingPersonalData;
using FastProcedures.Cases.Audit.ReadingPersonalData;
using FastProcedures.Cases.Audit.ReplayVerification;
using FastProcedures.Cases.Audit.SealingPersonalData;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Audit;

public sealed class when_a_persons_data_is_crypto_shredded(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Name = "Nadira Quxbelova";
    private static readonly Reader Caseworker = new("officer-asylum", "examination");
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_name_is_stored_only_sealed_and_is_readable_with_the_persons_key()
    {
        const string id = "BG-2026-730001";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"), Name);

        var made = Assert.IsType<ApplicationMade>((await _host.StreamAsync("BG", id))[0].Data);
        Assert.NotNull(await _host.LoadAsync<PersonKey>("BG", made.Applicant.KeyId));
        Assert.Empty(await database.TablesContainingAsync(Name));
        await using var session = _host.Session("BG");
        var details = await ReadApplicant.LoadAsync(session, id, Caseworker, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(new PersonalDetails(Name, new DateOnly(1990, 1, 2), "+359 888 123 456"), details);
        Assert.Single(await CaseAccessLog.ReadsAsync(session, id, CancellationToken.None), r => r.Purpose == "examination");
    }

    [Fact]
    public async Task after_erasure_the_name_is_unreadable_everywhere_while_history_chain_and_replay_stay_valid()
    {
        const string id = "RO-2026-730002";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-02T10:00:00+03:00"), Name + " Two");
        var before = await _host.StreamAsync("RO", id);
        var made = Assert.IsType<ApplicationMade>(before[0].Data);

        var erased = await _host.SendAsync("RO", new ErasePersonalData(id, "GDPR Art. 17(1)(a): no longer necessary", "dpo-ro"));
        var again = await _host.SendAsync("RO", new ErasePersonalData(id, "GDPR Art. 17(1)(a): no longer necessary", "dpo-ro"));

        Assert.Equal([made.Applicant.KeyId], Assert.Single(erased.Events.OfType<PersonalDataErased>()).KeyIds);
        Assert.False(again.Changed);
        Assert.Null(await _host.LoadAsync<PersonKey>("RO", made.Applicant.KeyId));
        var after = await _host.StreamAsync("RO", id);
        // The history is untouched: the same events with the same stored data, one more at the end.
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(_host.Serializer().ToJson(made), _host.Serializer().ToJson(after[0].Data));
        await using var session = _host.Session("RO");
        var details = await ReadApplicant.LoadAsync(session, id, Caseworker, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(PersonalData.Erased, details!.FullName);
        Assert.Null(details.DateOfBirth);
        Assert.Empty(await database.TablesContainingAsync("Nadira"));
        Assert.Empty(await database.TablesContainingAsync("888 123"));
        Assert.NotNull(await _host.LoadAsync<AsylumCase>("RO", id));

        var replay = await VerifyReplay.LoadAsync(session, WorkflowCatalog.Load(), id, new Reader("auditor", "after erasure"),
            DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True(replay!.Verified, string.Join("\n", replay.Divergences));
        var chain = await VerifyChain.RunAsync(database.ConnectionString, "RO");
        Assert.True(chain.Intact, string.Join("\n", chain.Broken));
    }

    [Fact]
    public void a_sealed_envelope_moved_to_another_key_does_not_open()
    {
        var mine = new PersonKey("BG-2026-1/a", "BG-2026-1", Convert.ToBase64String(new byte[32]), DateTimeOffset.UnixEpoch);
        var other = mine with { Id = "BG-2026-2/b" };
        var sealedDetails = PersonalData.Seal(mine, new PersonalDetails(Name, null, null));

        Assert.Equal(Name, PersonalData.Unseal(mine, sealedDetails).FullName);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => PersonalData.Unseal(other, sealedDetails with { KeyId = other.Id }));
    }
}
