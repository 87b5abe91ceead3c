using System.Collections.Generic;
using System.Linq;
using AsyncioGen.Generator.Pipeline;
using AsyncioGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Generator.Tests;

/// <summary>The newer shapes' models are equatable too: equal across compilations, and cached on edits elsewhere.</summary>
public sealed class ShapeIncrementalityTests
{
    public static TheoryData<string> Shapes => new()
    {
        nameof(SnapshotSources.MultiValue),
        nameof(SnapshotSources.CallbackNotLast),
        nameof(SnapshotSources.GenericMethods),
        nameof(SnapshotSources.ExplicitLoop),
        nameof(SnapshotSources.Handle),
        nameof(SnapshotSources.EventBased),
        nameof(SnapshotSources.AccessibilityAndParameters),
    };

    private static string Source(string name) => (string)typeof(SnapshotSources).GetField(name)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Models_from_two_compilations_are_equal(string shape)
    {
        object Model() => GeneratorRunner.CreateDriver().RunGenerators(TestCompilation.Create(Source(shape)))
            .GetRunResult().Results.Single().TrackedSteps[TrackingNames.Types][0].Outputs[0].Value;
        object a = Model(), b = Model();
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void An_unrelated_edit_regenerates_nothing(string shape)
    {
        Compilation compilation = TestCompilation.Create(Source(shape));
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; internal class Unrelated { int X => 1; }", TestCompilation.ParseOptions, path: "Unrelated.cs"));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        IEnumerable<IncrementalStepRunReason> reasons = new[] { TrackingNames.Methods, TrackingNames.AllMethods, TrackingNames.Types }
            .SelectMany(step => result.TrackedSteps[step]).SelectMany(s => s.Outputs).Select(o => o.Reason)
            .Concat(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }
}
