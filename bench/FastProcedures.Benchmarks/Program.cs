using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/FastProcedures.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
