// Bundle entry for `<script type="module" src=".../widgets/v1/terroir.js">`.
import './register';
