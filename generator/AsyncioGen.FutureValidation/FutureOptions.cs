using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.SourceGeneration;

/// <summary>The named arguments of one <c>[Future(...)]</c>; values of the wrong type count as absent (the compiler reports them).</summary>
internal readonly struct FutureOptions
{
    private FutureOptions(string? name, string? resultType, string? cancel, bool explicitLoop)
    {
        Name = name;
        ResultType = resultType;
        Cancel = cancel;
        ExplicitLoop = explicitLoop;
    }

    /// <summary>The twin's name.</summary>
    public string? Name { get; }

    /// <summary>The record struct generated for a callback with several values.</summary>
    public string? ResultType { get; }

    /// <summary>The EAP cancel method (<c>nameof(SendAsyncCancel)</c>).</summary>
    public string? Cancel { get; }

    /// <summary>Also generate a twin whose first parameter is the <c>EventLoop</c>.</summary>
    public bool ExplicitLoop { get; }

    public static FutureOptions Read(AttributeData? attribute)
    {
        string? name = null, resultType = null, cancel = null;
        bool explicitLoop = false;
        if (attribute is not null)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                object? value = argument.Value.Kind == TypedConstantKind.Array ? null : argument.Value.Value;
                switch (argument.Key)
                {
                    case "Name" when value is string { Length: > 0 } text:
                        name = text;
                        break;
                    case "ResultType" when value is string { Length: > 0 } text:
                        resultType = text;
                        break;
                    case "Cancel" when value is string { Length: > 0 } text:
                        cancel = text;
                        break;
                    case "ExplicitLoop" when value is bool flag:
                        explicitLoop = flag;
                        break;
                }
            }
        }
        return new FutureOptions(name, resultType, cancel, explicitLoop);
    }
}
