namespace FastProcedures.Host.Demo;

/// <summary>Seeds demo cases for <c>fastproc serve --demo</c>, through the same commands users send.</summary>
public interface IDemoSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}
