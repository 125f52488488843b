#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSandbox -ProcessingSeconds 0
    $script:key = ConvertTo-SecureString $sandbox.ApiKey -AsPlainText -Force
    Set-SeedanceConfiguration -BaseUri $sandbox.BaseUri -RetryBudgetSeconds 60 -NoJournal
    $script:submitted = New-SeedanceVideo 'a fox in snow' -ApiKey $key
}

AfterAll {
    if ($script:sandbox) {
        $script:sandbox | Stop-TestSandbox
    }

    Remove-Module Seedance -ErrorAction SilentlyContinue
}

Describe 'Get-SeedanceTask -Id' {
    It 'reads the task New-SeedanceVideo piped to it' {
        $task = $submitted | Get-SeedanceTask -ApiKey $key

        $task.Id | Should -Be $submitted.Id
        $task.PSObject.TypeNames[0] | Should -Be 'Seedance.SeedanceTask'
        $task.Status | Should -Be 'completed'
        $task.VideoUrl | Should -Not -BeNullOrEmpty
    }

    It 'binds the id from <Case>' -ForEach @(
        @{ Case = 'a string'; Make = { param($id) $id } }
        @{ Case = 'a task_id property'; Make = { param($id) [pscustomobject]@{ task_id = $id } } }
        @{ Case = 'a TaskId property'; Make = { param($id) [pscustomobject]@{ TaskId = $id } } }
        @{ Case = 'an Id property'; Make = { param($id) [pscustomobject]@{ Id = $id } } }
    ) {
        $task = & $Make $submitted.Id | Get-SeedanceTask -ApiKey $key

        $task.Id | Should -Be $submitted.Id
    }

    It 'writes a non-terminating Seedance.not_found (ObjectNotFound) error for an unknown id and reads the others' {
        $tasks = Get-SeedanceTask -Id 'sd2_no_such_task', $submitted.Id -ApiKey $key -ErrorVariable failures -ErrorAction SilentlyContinue

        @($tasks).Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Seedance.not_found,Seedance.Commands.GetSeedanceTaskCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'sd2_no_such_task'
    }

    It 'shows each request with -Verbose' {
        $verbose = Get-SeedanceTask $submitted.Id -ApiKey $key -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        "$verbose" | Should -Match ([regex]::Escape("GET /api/v1/tasks/$($submitted.Id) -> 200"))
    }
}

Describe 'An API that cannot be reached' {
    It 'says which host and port it could not reach, and warns while retries wait' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        Set-SeedanceConfiguration -BaseUri "http://127.0.0.1:$port/" -MaxRetries 4
        try {
            $null = Get-SeedanceTask -Id 'sd2_any' -ApiKey $key -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally {
            Set-SeedanceConfiguration -BaseUri $sandbox.BaseUri -MaxRetries 6
        }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Seedance.NetworkError,Seedance.Commands.GetSeedanceTaskCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.Message | Should -BeLike "*127.0.0.1:$port*"
        $warnings.Count | Should -BeGreaterThan 0
        $warnings[0].Message | Should -BeLike "Retrying in *127.0.0.1:$port*"
    }
}
