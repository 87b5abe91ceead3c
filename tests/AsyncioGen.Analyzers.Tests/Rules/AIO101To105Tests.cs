using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.FutureAttributeAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>
/// AIO101–AIO105, the [Future] misuse rules (the validation the generator shares): exact ids and locations,
/// and where they stay quiet. That the generator skips what they reject is tested beside the generator.
/// </summary>
public class AIO101To105Tests
{
    // ---- AIO101 ----

    [Fact]
    public Task AIO101_type_not_partial() => Verify.VerifyAsync("""
        class Plain
        {
            [Future] void {|AIO101:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO101_containing_type_not_partial() => Verify.VerifyAsync("""
        class Outer
        {
            partial class Inner
            {
                [Future] void {|AIO101:Op|}(Action<int> onDone) { }
            }
        }
        """);

    // ---- AIO102 ----

    [Fact]
    public Task AIO102_no_callback() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void {|AIO102:Op|}(int x) { }
        }
        """);

    [Fact]
    public Task AIO102_returns_a_ref_struct() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] Span<int> {|AIO102:Op|}(Action<int> onDone) => default;
        }
        """);

    [Fact]
    public Task AIO102_callback_returns_a_value() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(Func<int> {|AIO102:onDone|}) { }
        }
        """);

    [Fact]
    public Task AIO102_state_without_state_callback() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(Action<int> onDone, object? {|AIO102:state|}) { }
        }
        """);

    [Fact]
    public Task AIO102_error_callback_alone() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(Action<Exception> {|AIO102:onError|}) { }
        }
        """);

    [Fact]
    public Task AIO102_begin_without_end() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] IAsyncResult {|AIO102:BeginRead|}(AsyncCallback? callback, object? state) => throw null!;
        }
        """);

    [Fact]
    public Task AIO102_two_cancellation_tokens() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void {|AIO102:Op|}(CancellationToken a, CancellationToken b, Action onDone) { }
        }
        """);

    [Fact]
    public Task AIO102_invalid_name() => Verify.VerifyAsync("""
        partial class C
        {
            [Future(Name = "1bad")] void {|AIO102:Op|}(Action onDone) { }
        }
        """);

    [Fact]
    public Task AIO102_ref_parameter() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(ref int {|AIO102:position|}, Action<int> onDone) { }
        }
        """,
        "[Future] method 'Op' has a shape the generator does not support: parameter 'position' is 'ref': the twin returns before the operation completes, "
        + "so an output by reference would be written beside the future; pass it by value (or 'in'), or report it through the callback");

    [Fact]
    public Task AIO102_out_parameter() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(out int {|AIO102:previous|}, Action<int> onDone) { previous = 0; }
        }
        """);

    [Fact]
    public Task Quiet_on_in_and_ref_readonly_parameters() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(in int x, ref readonly double y, Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO102_two_success_callbacks() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(Action<int> {|AIO102:onProgress|}, Action<int> onDone) { }
        }
        """,
        "[Future] method 'Op' has a shape the generator does not support: it has two success callbacks ('onProgress' and 'onDone'), and a future completes once; "
        + "pass progress as an IProgress<T> or a non-delegate argument, or make one of them the error callback (Action<Exception>)");

    [Fact]
    public Task Quiet_on_a_callback_followed_by_options() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Op(Func<int, int> transform, Action<int> onDone, int timeout, CancellationToken token) { }
        }
        """);

    [Fact]
    public Task AIO102_EndOp_reads_AsyncState() => Verify.VerifyAsync("""
        static partial class C
        {
            [Future] static IAsyncResult BeginRead(AsyncCallback? callback, object? state) => throw null!;
            static int {|AIO102:EndRead|}(IAsyncResult result) => (int)result.AsyncState!;
        }
        """);

    [Fact]
    public Task AIO102_ResultType_on_a_one_value_callback() => Verify.VerifyAsync("""
        partial class C
        {
            [Future(ResultType = "Pair")] void {|AIO102:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO102_Cancel_on_a_callback_method() => Verify.VerifyAsync("""
        partial class C
        {
            [Future(Cancel = nameof(Stop))] void {|AIO102:Op|}(Action<int> onDone) { }
            void Stop() { }
        }
        """);

    [Fact]
    public Task AIO102_Cancel_names_no_method() => Verify.VerifyAsync("""
        using System.ComponentModel;
        partial class C
        {
            public event AsyncCompletedEventHandler? WorkCompleted;
            [Future(Cancel = "Nope")] void {|AIO102:WorkAsync|}(int n, object? userState) { }
            void Raise() => WorkCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null));
        }
        """);

    [Fact]
    public Task AIO102_EAP_with_ambiguous_events() => Verify.VerifyAsync("""
        using System.ComponentModel;
        partial class C
        {
            public event AsyncCompletedEventHandler? ReadCompleted;
            public event AsyncCompletedEventHandler? WriteCompleted;
            [Future] void {|AIO102:StartAsync|}(object? userState) { }
            void Raise() { ReadCompleted?.Invoke(this, null!); WriteCompleted?.Invoke(this, null!); }
        }
        """);

    [Fact]
    public Task AIO102_handle_and_several_values() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] object {|AIO102:Op|}(Action<int, string> onDone) => new object();
        }
        """);

    // ---- AIO103 ----

    [Fact]
    public Task AIO103_clash_with_a_property() => Verify.VerifyAsync("""
        partial class C
        {
            int OpAsync => 0;
            [Future] void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_clash_with_a_method_of_the_same_parameters() => Verify.VerifyAsync("""
        partial class C
        {
            void OpAsync(int x) { }
            [Future] void {|AIO103:Op|}(int x, Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_clash_with_a_base_member() => Verify.VerifyAsync("""
        class Base
        {
            protected void OpAsync() { }
        }
        partial class C : Base
        {
            [Future] void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_two_methods_with_the_same_twin() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Read(Action<int> onDone) { }
            [Future(Name = "ReadAsync")] void {|AIO103:Load|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_twin_of_a_base_Future_method_would_be_hidden() => Verify.VerifyAsync("""
        partial class Base
        {
            [Future] protected virtual void Op(Action<int> onDone) { }
        }
        partial class Derived : Base
        {
            [Future] protected override void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_twin_named_like_the_type() => Verify.VerifyAsync("""
        partial class C
        {
            [Future(Name = "C")] void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_explicit_loop_overload_clashes() => Verify.VerifyAsync("""
        partial class C
        {
            void OpAsync(EventLoop loop, int x) { }
            [Future(ExplicitLoop = true)] void {|AIO103:Op|}(int x, Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_ResultType_clashes_with_a_member() => Verify.VerifyAsync("""
        partial class C
        {
            class Pair { }
            [Future(ResultType = "Pair")] void {|AIO103:Op|}(Action<int, string> onDone) { }
        }
        """);

    [Fact]
    public Task AIO103_two_methods_with_the_same_ResultType() => Verify.VerifyAsync("""
        partial class C
        {
            [Future(ResultType = "Pair")] void Read(Action<int, string> onDone) { }
            [Future(ResultType = "Pair")] void {|AIO103:Load|}(Action<int, string> onDone) { }
        }
        """);

    [Fact]
    public Task AIO102_event_based_twin_whose_base_type_subscribes_to_the_same_event() => Verify.VerifyAsync("""
        using System.ComponentModel;
        partial class Base
        {
            public event AsyncCompletedEventHandler? WorkCompleted;
            [Future] internal void WorkAsync(object? userState) => WorkCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, userState));
        }
        partial class Derived : Base
        {
            [Future] internal void {|AIO102:WorkAgainAsync|}(int n, object? userState) { }
        }
        """);

    // ---- AIO104 ----

    [Fact]
    public Task AIO104_ref_struct_result() => Verify.VerifyAsync("""
        delegate void SpanDone(ReadOnlySpan<byte> data);
        partial class C
        {
            [Future] void Op(SpanDone {|AIO104:onDone|}) { }
        }
        """);

    [Fact]
    public Task AIO104_by_ref_callback_parameter() => Verify.VerifyAsync("""
        delegate void RefDone(ref int value);
        partial class C
        {
            [Future] void Op(RefDone {|AIO104:onDone|}) { }
        }
        """);

    [Fact]
    public Task AIO104_ref_struct_EndOp_result() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] IAsyncResult BeginRead(AsyncCallback? callback, object? state) => throw null!;
            Span<byte> {|AIO104:EndRead|}(IAsyncResult result) => default;
        }
        """);

    // ---- AIO105 ----

    [Fact]
    public Task AIO105_generic_Begin_End_pair() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] IAsyncResult {|AIO105:BeginRead|}<T>(AsyncCallback? callback, object? state) => throw null!;
            int EndRead(IAsyncResult result) => 0;
        }
        """);

    [Fact]
    public Task Quiet_on_a_generic_callback_method() => Verify.VerifyAsync("""
        partial class C
        {
            [Future] void Get<T>(string key, Action<T> onDone) where T : class { }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Quiet_on_an_overload_with_other_parameters() => Verify.VerifyAsync("""
        partial class C
        {
            void OpAsync(int x, CancellationToken cancellationToken) { }
            [Future] void Op(int x, Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task Quiet_on_a_private_base_member_of_the_same_name() => Verify.VerifyAsync("""
        class Base
        {
            private void OpAsync() { }
        }
        partial class C : Base
        {
            [Future] void Op(Action<int> onDone) { }
        }
        """);

    [Fact]
    public Task Quiet_on_a_method_without_the_attribute() => Verify.VerifyAsync("""
        class C
        {
            void Op<T>(Func<int> x) { }
        }
        """);

    [Fact]
    public Task Quiet_on_an_EAP_method_with_a_cancel_method() => Verify.VerifyAsync("""
        using System.ComponentModel;
        partial class C
        {
            public event AsyncCompletedEventHandler? WorkCompleted;
            [Future(Cancel = nameof(WorkAsyncCancel))] void WorkAsync(int n, object? userState) { }
            void WorkAsyncCancel() { }
            void Raise() => WorkCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null));
        }
        """);
}
