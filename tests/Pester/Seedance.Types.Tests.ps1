#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5: the type names a script can use after Import-Module Seedance, in a fresh PowerShell.

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    $script:manifest = Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'
}

Describe 'The module''s type names' {
    It 'names only the public types: [Seedance.SeedanceTask] resolves, the internal waiter does not' {
        $child = Invoke-TestShell -Command (
            "Import-Module '$manifest'; " +
            "'task=' + ([Seedance.SeedanceTask]).FullName; " +
            "'prompt=' + ([Seedance.Prompts.SeedancePrompt]).FullName; " +
            "`$waiter = [Seedance.SeedanceTask].Assembly.GetTypes() | Where-Object Name -eq 'TaskWaiter'; " +
            "'waiter=' + `$waiter.FullName + '=' + [bool](`$waiter.FullName -as [type]); " +
            "`$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Get; " +
            "`$named = @(`$accelerators.Values | Where-Object { `$_.Assembly.GetName().Name -in 'Seedance', 'Seedance.Client' }); " +
            "'internal=' + ((`$named | Where-Object { -not `$_.IsPublic } | ForEach-Object FullName) -join ',')")

        $child.ExitCode | Should -Be 0 -Because $child.Error
        $lines = $child.Output -split '\r?\n'
        $lines | Should -Contain 'task=Seedance.SeedanceTask'
        $lines | Should -Contain 'prompt=Seedance.Prompts.SeedancePrompt'
        $lines | Should -Contain 'waiter=Seedance.Client.Waiting.TaskWaiter=False'
        $lines | Should -Contain 'internal='
    }
}
