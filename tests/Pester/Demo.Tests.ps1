#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5: the demo the README offers a new user, run as they run it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    $script:build = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../build.ps1'))
}

Describe 'build.ps1 -Task Demo' {
    It 'prints only what the module prints and where the videos went' {
        $demo = Invoke-TestShell -File $build -ArgumentList '-Task', 'Demo' -TimeoutSeconds 600

        $demo.ExitCode | Should -Be 0 -Because $demo.Error
        $lines = @($demo.Output -split '\r?\n' | Where-Object { $_.Trim() })
        $rows = @($lines | Where-Object { $_ -match '^sd2_\w+\.mp4\s+\d+\s+\S' })
        $rows | Should -HaveCount 2
        $folder = @($lines | Where-Object { $_ -match '^The videos are in (?<path>.+)$' } | ForEach-Object { $Matches['path'] })
        $folder | Should -HaveCount 1
        foreach ($row in $rows) {
            Join-Path $folder[0] ($row -split '\s+')[0] | Should -Exist
        }
        $expected = '^(==> Demo|Building the module .*|Name\s+Length\s+LastWriteTime|-+\s+-+\s+-+|sd2_\w+\.mp4\s.*|The videos are in .+)$'
        @($lines | Where-Object { $_ -notmatch $expected }) | Should -BeNullOrEmpty -Because 'the demo shows the module at work, not the build or the sandbox'
    }
}
