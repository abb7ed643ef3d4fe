package io.polyface.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevicesTest {

    @Test
    void cpuByDefaultAndGpuRequestsExplainTheGpuBuild() {
        assertThat(Devices.parse("cpu")).containsExactly(Device.cpu());
        assertThat(Devices.parse(null)).containsExactly(Device.cpu());
        assertThatThrownBy(() -> Devices.parse("cuda")).hasMessageContaining("device must be cpu, gpu, gpu:all or gpu:0,1");
        // the default build carries CPU natives only: the engine sees no GPU, and the refusal says how to get one
        assertThat(Engine.getInstance().getGpuCount()).isZero();
        assertThatThrownBy(() -> Devices.parse("gpu:all")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sees no GPU").hasMessageContaining("-Pgpu");
        assertThat(List.of(Device.gpu(1))).extracting(Device::getDeviceId).containsExactly(1);
    }
}
