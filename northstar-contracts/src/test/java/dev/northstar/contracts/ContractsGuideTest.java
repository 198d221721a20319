package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contracts in docs/guides/contracts.md are valid. */
class ContractsGuideTest {
    @Test
    void everyContractInTheGuideLintsClean() throws IOException {
        Path guide = null;
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("docs/guides/contracts.md"))) {
                guide = directory.resolve("docs/guides/contracts.md");
                break;
            }
        }
        assertThat(guide).as("docs/guides/contracts.md above the working directory").isNotNull();
        Matcher blocks = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(guide));
        List<String> contracts = new ArrayList<>();
        while (blocks.find()) {
            contracts.add(blocks.group(1));
        }
        assertThat(contracts).isNotEmpty();
        for (String contract : contracts) {
            assertThat(ContractValidator.lint(contract, "guide.yaml")).isEmpty();
        }
    }
}
