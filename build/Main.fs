module Build.Main
open Fake.Core
[<EntryPoint>]
let main argv =
    let ctx = Context.FakeExecutionContext.Create false "build.fsx" []
    Context.setExecutionContext (Context.RuntimeContext.Fake ctx)
    Target.create "Compile" (fun _ -> Trace.log "compile")
    Target.runOrDefault "Compile"
    0
