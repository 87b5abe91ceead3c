namespace AsyncioGen.SourceGeneration;

/// <summary>
/// The ids of the [Future] misuse diagnostics, defined once: the validation produces them, the
/// analyzers assembly binds them to its descriptors, the generator skips what carries one.
/// </summary>
internal static class FutureDiagnosticIds
{
    /// <summary>The method's type, or one containing it, is not partial.</summary>
    public const string TypeNotPartial = "AIO101";

    /// <summary>The method's shape is not one the generator supports; the message says what to change.</summary>
    public const string ShapeUnsupported = "AIO102";

    /// <summary>The twin's name (or its generated result type's) is taken.</summary>
    public const string NameClash = "AIO103";

    /// <summary>A callback value that cannot be a future's result (ref struct, pointer, by-ref).</summary>
    public const string CallbackParameterUnsupported = "AIO104";

    /// <summary>A generic method of a shape whose twin cannot be generic (APM, EAP).</summary>
    public const string GenericMethodUnsupported = "AIO105";
}
