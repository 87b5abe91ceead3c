using System.Collections.Generic;
using System.Linq;
using AsyncioGen.Generator.Pipeline;
using AsyncioGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Generator.Tests;

/// <summary>Every step is cached: edits that do not touch a [Future] method regenerate nothing.</summary>
public sealed class IncrementalityTests
{
    private const string First = """
        using System;
        using AsyncioGen;

        namespace Demo;

        internal partial class Alpha
        {
            [Future]
            internal void Compute(int x, Action<int> onDone) => onDone(x);

            internal int Helper() => 1;
        }
        """;

    private const string Second = """
        using System;
        using AsyncioGen;

        namespace Demo;

        internal partial class Beta
        {
            [Future]
            internal void Fetch(string key, Action<string> onDone) => onDone(key);
        }
        """;

    private static readonly string[] s_steps = { TrackingNames.Methods, TrackingNames.AllMethods, TrackingNames.Types };

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        Compilation compilation = TestCompilation.Create(First, Second);
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static GeneratorRunResult Rerun(GeneratorDriver driver, Compilation compilation) =>
        driver.RunGenerators(compilation).GetRunResult().Results.Single();

    private static IEnumerable<(string Step, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => (step, o.Reason));

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (string step in s_steps)
        {
            Assert.All(Outputs(result, step), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{o.Step}: {o.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "output: " + o.Reason));
    }

    [Fact]
    public void Adding_an_unrelated_file_regenerates_nothing()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; internal class Unrelated { }", TestCompilation.ParseOptions, path: "Unrelated.cs"));
        AssertAllCachedOrUnchanged(Rerun(driver, edited));
    }

    [Fact]
    public void Editing_another_member_of_the_file_regenerates_nothing()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(First.IndexOf("=> 1;"), "=> 1;".Length, "=> 2 + 3;"));
        AssertAllCachedOrUnchanged(Rerun(driver, compilation.ReplaceSyntaxTree(tree, edited)));
    }

    [Fact]
    public void Editing_a_Future_method_body_regenerates_nothing()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(First.IndexOf("onDone(x);"), "onDone(x);".Length, "onDone(x + 1);"));
        AssertAllCachedOrUnchanged(Rerun(driver, compilation.ReplaceSyntaxTree(tree, edited)));
    }

    [Fact]
    public void Renaming_a_Future_method_regenerates_that_type_only()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(First.IndexOf("Compute("), "Compute(".Length, "Calculate("));
        GeneratorRunResult result = Rerun(driver, compilation.ReplaceSyntaxTree(tree, edited));

        var types = result.TrackedSteps[TrackingNames.Types].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, types.Count);
        Assert.Single(types, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(types, o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached);
        var files = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(files, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("CalculateAsync", result.GeneratedSources.Single(s => s.HintName == "Demo.Alpha.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Removing_the_attribute_removes_the_file()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(First.IndexOf("[Future]"), "[Future]".Length, ""));
        GeneratorRunResult result = Rerun(driver, compilation.ReplaceSyntaxTree(tree, edited));
        Assert.Equal(new[] { "Demo.Beta.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
        Assert.Contains(result.TrackedSteps[TrackingNames.Types].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Removed);
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_or_compilations()
    {
        (GeneratorDriver driver, _) = FirstRun();
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (string step in s_steps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertPure(output.Value, visited, step);
            }
        }
    }

    [Fact]
    public void Models_from_two_compilations_of_the_same_source_are_equal()
    {
        object Model() => FirstRun().Driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Types][0].Outputs[0].Value;
        object a = Model(), b = Model();
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    private static void AssertPure(object? value, HashSet<object> visited, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }
        Assert.False(
            value is ISymbol or Compilation or SemanticModel or SyntaxNode or SyntaxTree or Location
            || (value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>) && !path.EndsWith(TrackingNames.AllMethods, System.StringComparison.Ordinal)),
            $"{path} holds a {value.GetType()}");
        if (value is System.Collections.IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertPure(item, visited, path + "[]");
            }
            return;
        }
        foreach (var field in value.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        {
            AssertPure(field.GetValue(value), visited, path + "." + field.Name);
        }
    }
}
