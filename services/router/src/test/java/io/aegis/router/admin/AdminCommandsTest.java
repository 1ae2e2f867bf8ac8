package io.aegis.router.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The admin commands' command lines: what an operator types, and the errors that name the option. */
class AdminCommandsTest {

    private static final Path INFRA = Path.of("..", "..", "infra");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldPrintTheAclBindingsOfTheShippedFilesOnADryRun() {
        Run run = run(new AclCommand(), "--dry-run", "--acls", INFRA.resolve("acls.yaml").toString(),
                "--members", INFRA.resolve("members.yaml").toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("User:node-FR") && run.out().contains("aegis.outbox.FR"), run.out());
    }

    @Test
    void shouldNameTheMissingOptionInsteadOfFailingLater() {
        Run acl = run(new AclCommand(), "--acls", INFRA.resolve("acls.yaml").toString(),
                "--members", INFRA.resolve("members.yaml").toString());
        Run leak = run(new LeakCheckCommand(), "--registry", "http://localhost:1");
        Run unknown = run(new AclCommand(), "--colour", "red");

        assertEquals(2, acl.exit());
        assertTrue(acl.err().contains("--bootstrap is required unless --dry-run"), acl.err());
        assertEquals(2, leak.exit());
        assertTrue(leak.err().contains("--bootstrap"), leak.err());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--colour"), unknown.err());
    }

    @Test
    void shouldRefuseARegistryUserWithoutItsPasswordBeforeConnecting() {
        // the password comes only from the environment; a user alone would be answered 401 by the registry
        LeakCheckCommand command = new LeakCheckCommand();
        command.environment = Map.of();

        Run leak = run(command, "--bootstrap", "localhost:1", "--registry-username", "ops");

        assertEquals(1, leak.exit());
        assertTrue(leak.err().contains("aegis.registry.username is set but aegis.registry.password is not"), leak.err());
    }
}
