using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace AsyncioGen.Generator.Tests.Infrastructure;

/// <summary>Generates, compiles (warnings as errors, nullable on) and loads test sources, then calls their static methods.</summary>
internal sealed class CompiledScenarios
{
    private readonly Assembly _assembly;

    public CompiledScenarios(params string[] sources)
    {
        GeneratorResult result = GeneratorRunner.Run(sources);
        GeneratorRunner.AssertCompiles(result.Output);
        using var stream = new MemoryStream();
        EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        _assembly = Assembly.Load(stream.ToArray());
    }

    /// <summary>Calls <c>static object? Type.Method()</c> and returns its result.</summary>
    public T Call<T>(string type, string method)
    {
        MethodInfo info = _assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("No method " + type + "." + method);
        try
        {
            return (T)info.Invoke(null, null)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    public string Call(string type, string method) => Call<string>(type, method);
}
